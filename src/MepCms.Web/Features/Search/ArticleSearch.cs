using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Search;

/// <summary>One full-text match: the statement's id and how well it matched (higher is better).</summary>
public sealed class SearchHit
{
    public int Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>
/// The database's own full-text index over title, lead and body, a title match weighing most
/// (docs/decisions/0011). Drafts are indexed too: callers join the hits with the visible statements.
/// </summary>
public static class ArticleSearch
{
    // Column weights: title, lead, body.
    private const double TitleWeight = 10, LeadWeight = 3, BodyWeight = 1;

    /// <summary>
    /// At most this many matches are ranked and counted, so a word found in every statement costs
    /// little more than a rare one. Nobody pages past the twentieth result page of a search.
    /// </summary>
    public const int MaxHits = 200;

    private static bool? _sqlServerHasFullTextIndex;

    /// <summary>
    /// One page of the visible statements matching the query, best first, or null past the end.
    /// Two commands whatever the number of matches: the ranked slugs (at most <see cref="MaxHits"/>,
    /// so the full-text match runs once for count and page), then the page's summaries. On SQLite
    /// whole words are matched first and word prefixes only when that finds less than a page
    /// (one command more), because a prefix match reads every statement holding the word
    /// (docs/decisions/0011).
    /// </summary>
    public static async Task<PagedList<ArticleSummary>?> PageAsync(MepCmsDbContext db, IQueryable<Article> visible, SearchQuery query,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var ranked = await RankedSlugsAsync(db, visible, query, prefixes: false, cancellationToken);
        if (ranked.Count < pageSize && !db.Database.IsSqlServer())
        {
            ranked = await RankedSlugsAsync(db, visible, query, prefixes: true, cancellationToken);
        }
        if (Paging.IsBeyondEnd(page, ranked.Count, pageSize))
        {
            return null;
        }
        // The hits are keyless rows, so the bylines are loaded in a second step, then put back in rank order.
        var slugs = ranked.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var summaries = await visible.Where(a => slugs.Contains(a.Slug)).Select(ArticleQueries.Summary).ToListAsync(cancellationToken);
        return new PagedList<ArticleSummary>(summaries.OrderBy(s => slugs.IndexOf(s.Slug)).ToList(), page, pageSize, ranked.Count);
    }

    private static async Task<List<string>> RankedSlugsAsync(MepCmsDbContext db, IQueryable<Article> visible, SearchQuery query, bool prefixes,
        CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlServer())
        {
            return await (await SqlServerHitsAsync(db, query, cancellationToken))
                .Join(visible, h => h.Id, a => a.Id, (h, a) => new { h.Rank, a.PublishAt, a.Id, a.Slug })
                .OrderByDescending(x => x.Rank).ThenByDescending(x => x.PublishAt).ThenByDescending(x => x.Id)
                .Select(x => x.Slug)
                .ToListAsync(cancellationToken);
        }
        var candidates = await SqliteCandidates(db, prefixes ? query.ToFts5() : query.ToFts5Words())
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
    internal static IQueryable<int> SqliteCandidates(MepCmsDbContext db, string match) =>
        db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM ArticleSearch WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {MaxHits}
            """);

    /// <summary>SQL Server's ranked full-text matches, or a scan of titles and leads without the index.</summary>
    private static async Task<IQueryable<SearchHit>> SqlServerHitsAsync(MepCmsDbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        // The migration creates the full-text index only where SQL Server has the Full-Text Search
        // component; without it, search still answers, from a scan of titles and leads.
        _sqlServerHasFullTextIndex ??= await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'Articles')")
            .SingleAsync(cancellationToken) > 0;
        return _sqlServerHasFullTextIndex.Value ? SqlServerHits(db, query.ToContains()) : ScanHits(db, query);
    }

    // CONTAINSTABLE ranks a column set as one; one call per column lets the title weigh more.
    internal static IQueryable<SearchHit> SqlServerHits(MepCmsDbContext db, string contains) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT m.[KEY] AS Id, CAST(SUM(m.Weighted) AS float) AS Rank FROM (
                SELECT [KEY], [RANK] * {TitleWeight} AS Weighted FROM CONTAINSTABLE([Articles], [Title], {contains}, {MaxHits})
                UNION ALL SELECT [KEY], [RANK] * {LeadWeight} FROM CONTAINSTABLE([Articles], [Lead], {contains}, {MaxHits})
                UNION ALL SELECT [KEY], [RANK] * {BodyWeight} FROM CONTAINSTABLE([Articles], [BodyMarkdown], {contains}, {MaxHits})
            ) AS m GROUP BY m.[KEY]
            ORDER BY Rank DESC OFFSET 0 ROWS FETCH NEXT {MaxHits} ROWS ONLY
            """);

    private static IQueryable<SearchHit> ScanHits(MepCmsDbContext db, SearchQuery query)
    {
        var articles = db.Articles.AsQueryable();
        foreach (var term in query.Terms)
        {
            articles = articles.Where(a => a.Title.Contains(term) || a.Lead.Contains(term));
        }
        var first = query.Terms[0];
        return articles.Select(a => new SearchHit { Id = a.Id, Rank = a.Title.Contains(first) ? TitleWeight : LeadWeight });
    }
}
