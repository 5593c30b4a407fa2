using MepCms.Web.Features.Search;

namespace MepCms.Tests.Features.Search;

/// <summary>The in-memory ranking of SQLite's search candidates: where the words are, read as FTS5 reads them.</summary>
public sealed class SearchWordsTests
{
    [Theory]
    [InlineData("Walruses and narwhals protected", "A lead.", 18 - 3)]
    [InlineData("Walruses and narwhals protected", "Narwhals again.", 18)]
    [InlineData("Walruses in the Baltic", "A lead.", 5)]
    [InlineData("Statement on harbours", "Walruses, narwhals.", 3)]
    [InlineData("Statement on quarries", "A lead.", 0)]
    [InlineData("Walrus-narwhal talks", "A lead.", 0)]
    public void Every_word_in_the_title_outranks_some_which_outrank_the_lead(string title, string lead, int expected) =>
        Assert.Equal(expected, new SearchWords(["walruses", "narwhals"], prefixes: false).Rank(title, lead));

    [Fact]
    public void Accents_and_case_are_ignored_on_both_sides()
    {
        Assert.Equal(15, new SearchWords(["zemaite"], prefixes: false).Rank("Statement of Rūta ŽEMAITĖ", ""));
        Assert.Equal(15, new SearchWords(["žemaitė"], prefixes: false).Rank("Statement of Ruta Zemaite", ""));
    }

    [Fact]
    public void Plain_ascii_titles_are_compared_without_case_as_accented_ones_are_and_a_dotless_i_stays_a_different_letter()
    {
        Assert.Equal(15, new SearchWords(["grid"], prefixes: false).Rank("The GRID is approved", ""));
        Assert.Equal(15, new SearchWords(["grid"], prefixes: true).Rank("Gridlock ahead", ""));
        Assert.Equal(0, new SearchWords(["grid"], prefixes: false).Rank("Gridlock ahead", ""));
        Assert.Equal(15, new SearchWords(["grid"], prefixes: false).Rank("Gridlock, a regrid, then the grid", ""));
        Assert.Equal(15, new SearchWords(["grid"], prefixes: true).Rank("A regrid and grid2x", ""));
        Assert.Equal(0, new SearchWords(["grid"], prefixes: false).Rank("Regrid grid2", ""));
        // Folded, "ı" stays "ı"; compared ignoring case it would meet "I" in plain text.
        Assert.Equal(0, new SearchWords(["ın"], prefixes: false).Rank("IN the grid", ""));
    }

    [Fact]
    public void A_prefix_search_matches_the_start_of_a_word_only()
    {
        var words = new SearchWords(["interconnect"], prefixes: true);

        Assert.Equal(15, words.Rank("The interconnector is approved", ""));
        Assert.Equal(0, words.Rank("A reinterconnection", ""));
        Assert.Equal(0, new SearchWords(["interconnect"], prefixes: false).Rank("The interconnector is approved", ""));
    }

    [Fact]
    public void Marks_cut_a_text_into_pieces_and_mark_the_words_that_start_with_a_term_whatever_the_case_and_accents()
    {
        var words = new SearchWords(["zemait", "vote"], prefixes: true);

        var pieces = words.Marks("Rūta ŽEMAITĖ: votes, devote & Vote!").ToList();

        Assert.Equal("Rūta ŽEMAITĖ: votes, devote & Vote!", string.Concat(pieces.Select(p => p.Text)));
        Assert.Equal(["ŽEMAITĖ", "votes", "Vote"], pieces.Where(p => p.Match).Select(p => p.Text));
    }
}
