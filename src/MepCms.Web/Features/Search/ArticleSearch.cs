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

    private static bool? _sqlServerHasFullTextIndex;

    /// <summary>
    /// One page of the visible statements matching the query, best first, or null past the end.
    /// Three commands whatever the number of matches: count, the page's slugs in rank order, their summaries.
    /// </summary>
    public static async Task<PagedList<ArticleSummary>?> PageAsync(MepCmsDbContext db, IQueryable<Article> visible, SearchQuery query,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var hits = await HitsAsync(db, query, cancellationToken);
        var ranked = await hits
            .Join(visible, h => h.Id, a => a.Id, (h, a) => new { h.Rank, a.PublishAt, a.Id, a.Slug })
            .OrderByDescending(x => x.Rank).ThenByDescending(x => x.PublishAt).ThenByDescending(x => x.Id)
            .Select(x => x.Slug)
            .ToPageAsync(page, pageSize, cancellationToken);
        if (ranked is null)
        {
            return null;
        }
        // The hits are keyless rows, so the bylines are loaded in a second step, then put back in rank order.
        var slugs = ranked.Items.ToList();
        var summaries = await visible.Where(a => slugs.Contains(a.Slug)).Select(ArticleQueries.Summary).ToListAsync(cancellationToken);
        var ordered = summaries.OrderBy(s => slugs.IndexOf(s.Slug)).ToList();
        return new PagedList<ArticleSummary>(ordered, ranked.Page, ranked.PageSize, ranked.TotalCount);
    }

    public static async Task<IQueryable<SearchHit>> HitsAsync(MepCmsDbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer())
        {
            return SqliteHits(db, query.ToFts5());
        }
        // The migration creates the full-text index only where SQL Server has the Full-Text Search
        // component; without it, search still answers, from a scan of titles and leads.
        _sqlServerHasFullTextIndex ??= await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'Articles')")
            .SingleAsync(cancellationToken) > 0;
        return _sqlServerHasFullTextIndex.Value ? SqlServerHits(db, query.ToContains()) : ScanHits(db, query);
    }

    // bm25 is lower for better matches; negated so both providers sort by Rank descending.
    internal static IQueryable<SearchHit> SqliteHits(MepCmsDbContext db, string match) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT rowid AS Id, -bm25(ArticleSearch, {TitleWeight}, {LeadWeight}, {BodyWeight}) AS Rank
            FROM ArticleSearch WHERE ArticleSearch MATCH {match}
            """);

    // CONTAINSTABLE ranks a column set as one; one call per column lets the title weigh more.
    internal static IQueryable<SearchHit> SqlServerHits(MepCmsDbContext db, string contains) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT m.[KEY] AS Id, CAST(SUM(m.Weighted) AS float) AS Rank FROM (
                SELECT [KEY], [RANK] * {TitleWeight} AS Weighted FROM CONTAINSTABLE([Articles], [Title], {contains})
                UNION ALL SELECT [KEY], [RANK] * {LeadWeight} FROM CONTAINSTABLE([Articles], [Lead], {contains})
                UNION ALL SELECT [KEY], [RANK] * {BodyWeight} FROM CONTAINSTABLE([Articles], [BodyMarkdown], {contains})
            ) AS m GROUP BY m.[KEY]
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
