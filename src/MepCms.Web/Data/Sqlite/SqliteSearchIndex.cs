using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.Sqlite;

/// <summary>
/// Search on SQLite's FTS5 table `ArticleSearch` (rowid = the statement's id). Whole words are
/// matched first and word prefixes only when that finds less than a page (one command more),
/// because a prefix match reads every statement holding the word (docs/decisions/0011).
/// </summary>
internal sealed class SqliteSearchIndex(MepCmsDbContext db) : ISearchIndex
{
    public async Task<IReadOnlyList<string>> RankedSlugsAsync(IQueryable<Article> visible, SearchQuery query, int pageSize, CancellationToken cancellationToken)
    {
        var ranked = await RankedSlugsAsync(visible, query, prefixes: false, cancellationToken);
        return ranked.Count < pageSize ? await RankedSlugsAsync(visible, query, prefixes: true, cancellationToken) : ranked;
    }

    private async Task<List<string>> RankedSlugsAsync(IQueryable<Article> visible, SearchQuery query, bool prefixes, CancellationToken cancellationToken)
    {
        var candidates = await Candidates(prefixes ? query.ToFts5() : query.ToFts5Words())
            .Join(visible, id => id, a => a.Id, (_, a) => new { a.Id, a.Slug, a.Title, a.Lead, a.PublishAt })
            .ToListAsync(cancellationToken);
        var words = new SearchWords(query.Terms, prefixes);
        return candidates
            .OrderByDescending(c => words.Rank(c.Title, c.Lead)).ThenByDescending(c => c.PublishAt).ThenByDescending(c => c.Id)
            .Select(c => c.Slug)
            .ToList();
    }

    // FTS5 walks the matches newest first (rowid is the statement's id) and stops after MaxHits;
    // they are ranked in memory by where the words are (SearchWords). Not bm25: its IDF reads the
    // whole doclist of every word on each search, ~4-11 ms for a common word at 100,000 statements,
    // and column-filtered matches re-read the same doclists (docs/decisions/0011).
    private IQueryable<int> Candidates(string match) =>
        db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM ArticleSearch WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {ArticleSearch.MaxHits}
            """);
}

/// <summary>A reader's words in FTS5's syntax: each one quoted (SearchQuery keeps only letters and digits), implicitly AND-ed.</summary>
public static class Fts5Query
{
    /// <summary>Every term a quoted prefix.</summary>
    public static string ToFts5(this SearchQuery query) => string.Join(' ', query.Terms.Select(t => $"\"{t}\"*"));

    /// <summary>Every term a quoted whole word.</summary>
    public static string ToFts5Words(this SearchQuery query) => string.Join(' ', query.Terms.Select(t => $"\"{t}\""));
}
