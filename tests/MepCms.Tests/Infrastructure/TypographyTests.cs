using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Infrastructure.Markdown;

namespace MepCms.Tests.Infrastructure;

/// <summary>Titles, leads and bodies get typographic quotes in their language's style, apostrophes, dashes and ellipses.</summary>
public sealed class TypographyTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Theory]
    [InlineData("en", "MEPs say \"enough\" - it's time... for 'real' action -- now", "MEPs say “enough” – it’s time… for ‘real’ action – now")]
    [InlineData("de", "Keller: \"Wir brauchen 'klare' Regeln\"", "Keller: „Wir brauchen ‚klare‘ Regeln“")]
    [InlineData("fr", "Castagnou : \"l'Union doit agir\"", "Castagnou : «\u202Fl’Union doit agir\u202F»")]
    [InlineData("fr", "« déjà »", "« déjà »")]
    [InlineData("pl", "Posłanka: \"to 'ważne' głosowanie\"", "Posłanka: „to «ważne» głosowanie”")]
    [InlineData("it", "\"Un passo avanti\" per l'Unione", "«Un passo avanti» per l’Unione")]
    [InlineData("sv", "\"Ett steg framåt\"", "”Ett steg framåt”")]
    [InlineData("da", "\"Et skridt\"", "»Et skridt«")]
    [InlineData("xx", "\"Fallback\"", "“Fallback”")]
    [InlineData("en", "Already “curly” – and fine", "Already “curly” – and fine")]
    [InlineData("en", "(\"quoted\") and ---em", "(“quoted”) and —em")]
    public void Straight_marks_become_the_languages_typographic_ones(string language, string typed, string expected) =>
        Assert.Equal(expected, Typography.Smarten(typed, language));

    [Fact]
    public void Smartening_twice_changes_nothing_more() =>
        Assert.Equal(Typography.Smarten("\"Wir\" - 'klar' ...", "de"), Typography.Smarten(Typography.Smarten("\"Wir\" - 'klar' ...", "de"), "de"));

    [Theory]
    [InlineData("en", "“Now”, it’s ‘time’")]
    [InlineData("de", "„Now“, it’s ‚time‘")]
    [InlineData("fr", "«\u202FNow\u202F», it’s “time”")]
    public void A_body_gets_the_quotation_marks_of_its_language(string language, string expected) =>
        Assert.Equal($"<p>{expected}</p>", new MarkdownRenderer().Render("\"Now\", it's 'time'", language).Trim());

    [Fact]
    public async Task A_saved_statement_has_typographic_title_lead_and_body_in_its_language_and_the_preview_follows_it()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var author = await app.SaveAsync(TestData.Author());
        var fields = EditorForms.Fields(TestData.Unique("Keller: \"Wir handeln\" - jetzt"), author.Id, "Sie sagte: \"Ja\".");
        (fields["Language"], fields["Lead"]) = ("de", "Ein \"klares\" Signal...");

        var id = await editor.Client.CreateDraftAsync(fields);
        var saved = await app.ReloadAsync(id);
        var preview = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/preview", new() { ["markdown"] = "\"Ja\"", ["language"] = "de" });

        Assert.StartsWith("Keller: „Wir handeln“ – jetzt", saved.Title);
        Assert.Equal("Ein „klares“ Signal…", saved.Lead);
        Assert.Contains("Sie sagte: „Ja“.", saved.BodyHtml);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("„Ja“", await preview.Content.ReadAsStringAsync());
    }
}
