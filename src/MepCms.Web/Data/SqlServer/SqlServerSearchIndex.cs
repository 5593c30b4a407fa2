using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.SqlServer;

/// <summary>One full-text match: the statement's id and how well it matched (higher is better).</summary>
public sealed class SearchHit
{
    public int Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>
/// Search on SQL Server's full-text index, a title match weighing most (docs/decisions/0011). The
/// migration creates the index only where SQL Server has the Full-Text Search component; without
/// it, search still answers, from a scan of titles and leads.
/// </summary>
internal sealed class SqlServerSearchIndex(MepCmsDbContext db, SqlServerFullText fullText) : ISearchIndex
{
    // Column weights: title, lead, body.
    private const double TitleWeight = 10, LeadWeight = 3, BodyWeight = 1;

    public async Task<IReadOnlyList<int>> RankedIdsAsync(IQueryable<Article> visible, SearchQuery query, int pageSize, CancellationToken cancellationToken)
    {
        var hits = await fullText.IsIndexedAsync(db, cancellationToken) ? Hits(db, query.ToContains()) : ScanHits(query);
        return await hits
            .Join(visible, h => h.Id, a => a.Id, (h, a) => new { h.Rank, a.PublishAt, a.Id })
            .OrderByDescending(x => x.Rank).ThenByDescending(x => x.PublishAt).ThenByDescending(x => x.Id)
            .Select(x => x.Id)
            .ToListAsync(cancellationToken);
    }

    // CONTAINSTABLE ranks a column set as one; one call per column lets the title weigh more.
    internal static IQueryable<SearchHit> Hits(MepCmsDbContext db, string contains) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT m.[KEY] AS Id, CAST(SUM(m.Weighted) AS float) AS Rank FROM (
                SELECT [KEY], [RANK] * {TitleWeight} AS Weighted FROM CONTAINSTABLE([Articles], [Title], {contains}, {ArticleSearch.MaxHits})
                UNION ALL SELECT [KEY], [RANK] * {LeadWeight} FROM CONTAINSTABLE([Articles], [Lead], {contains}, {ArticleSearch.MaxHits})
                UNION ALL SELECT [KEY], [RANK] * {BodyWeight} FROM CONTAINSTABLE([Articles], [BodyMarkdown], {contains}, {ArticleSearch.MaxHits})
            ) AS m GROUP BY m.[KEY]
            ORDER BY Rank DESC OFFSET 0 ROWS FETCH NEXT {ArticleSearch.MaxHits} ROWS ONLY
            """);

    private IQueryable<SearchHit> ScanHits(SearchQuery query)
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

/// <summary>Whether the server has the full-text index, asked once per process (a singleton).</summary>
internal sealed class SqlServerFullText
{
    private bool? _indexed;

    public async ValueTask<bool> IsIndexedAsync(MepCmsDbContext db, CancellationToken cancellationToken) =>
        _indexed ??= await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'Articles')")
            .SingleAsync(cancellationToken) > 0;
}

/// <summary>A reader's words in SQL Server's CONTAINS syntax: every term a quoted prefix, AND-ed.</summary>
public static class ContainsQuery
{
    public static string ToContains(this SearchQuery query) => string.Join(" AND ", query.Terms.Select(t => $"\"{t}*\""));
}
