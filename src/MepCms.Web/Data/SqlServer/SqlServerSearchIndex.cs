using System.Globalization;
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
/// it, search still answers, from a scan of titles and leads. A full-text index has one language
/// per column, not per row, so it stays language-neutral; each search is word-broken by the page's
/// language (`CONTAINSTABLE … LANGUAGE`), where the server has that language (decision 0298).
/// </summary>
internal sealed class SqlServerSearchIndex(MepCmsDbContext db, SqlServerFullText fullText) : ISearchIndex
{
    // Column weights: title, lead, body.
    private const double TitleWeight = 10, LeadWeight = 3, BodyWeight = 1;

    public async Task<IReadOnlyList<int>> RankedIdsAsync(IQueryable<Article> visible, SearchQuery query, string language, int pageSize, CancellationToken cancellationToken)
    {
        var hits = await fullText.IsIndexedAsync(db, cancellationToken)
            ? Hits(db, query.ToContains(), await fullText.LanguageAsync(db, language, cancellationToken))
            : ScanHits(query);
        return await hits
            .Join(visible, h => h.Id, a => a.Id, (h, a) => new { h.Rank, a.PublishAt, a.Id })
            .OrderByDescending(x => x.Rank).ThenByDescending(x => x.PublishAt).ThenByDescending(x => x.Id)
            .Select(x => x.Id)
            .ToListAsync(cancellationToken);
    }

    // CONTAINSTABLE ranks a column set as one; one call per column lets the title weigh more. The
    // reader's words are a parameter; the language (an LCID from Lcids, 0: neutral) is written into
    // the SQL as a number, as CONTAINSTABLE's LANGUAGE takes a constant.
    internal static IQueryable<SearchHit> Hits(MepCmsDbContext db, string contains, int language = 0)
    {
        var sql = string.Create(CultureInfo.InvariantCulture, $$"""
            SELECT m.[KEY] AS Id, CAST(SUM(m.Weighted) AS float) AS Rank FROM (
                SELECT [KEY], [RANK] * {{TitleWeight}} AS Weighted FROM CONTAINSTABLE([Articles], [Title], {0}, LANGUAGE {{language}}, {{ArticleSearch.MaxHits}})
                UNION ALL SELECT [KEY], [RANK] * {{LeadWeight}} FROM CONTAINSTABLE([Articles], [Lead], {0}, LANGUAGE {{language}}, {{ArticleSearch.MaxHits}})
                UNION ALL SELECT [KEY], [RANK] * {{BodyWeight}} FROM CONTAINSTABLE([Articles], [BodyMarkdown], {0}, LANGUAGE {{language}}, {{ArticleSearch.MaxHits}})
            ) AS m GROUP BY m.[KEY]
            ORDER BY Rank DESC OFFSET 0 ROWS FETCH NEXT {{ArticleSearch.MaxHits}} ROWS ONLY
            """);
        return db.Database.SqlQueryRaw<SearchHit>(sql, contains);
    }

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

/// <summary>Whether the server has the full-text index, and which word breakers, asked once per process (a singleton).</summary>
internal sealed class SqlServerFullText
{
    /// <summary>
    /// The Windows LCID of each official EU language's word breaker, as SQL Server lists them in
    /// sys.fulltext_languages (Portuguese: of Portugal; Spanish: modern sort). A server without one
    /// (Estonian, Finnish, Hungarian, Irish and Maltese have none on most) searches neutrally.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Lcids = new Dictionary<string, int>
    {
        ["bg"] = 1026, ["cs"] = 1029, ["da"] = 1030, ["de"] = 1031, ["el"] = 1032, ["en"] = 1033, ["es"] = 3082, ["et"] = 1061,
        ["fi"] = 1035, ["fr"] = 1036, ["ga"] = 2108, ["hr"] = 1050, ["hu"] = 1038, ["it"] = 1040, ["lt"] = 1063, ["lv"] = 1062,
        ["mt"] = 1082, ["nl"] = 1043, ["pl"] = 1045, ["pt"] = 2070, ["ro"] = 1048, ["sk"] = 1051, ["sl"] = 1060, ["sv"] = 1053,
    };

    private bool? _indexed;
    private HashSet<int>? _languages;

    /// <summary>The LCID to word-break a search in <paramref name="language"/>: its own where the server has it, else neutral (0).</summary>
    public async ValueTask<int> LanguageAsync(MepCmsDbContext db, string language, CancellationToken cancellationToken)
    {
        _languages ??= [.. await db.Database.SqlQuery<int>($"SELECT lcid AS [Value] FROM sys.fulltext_languages").ToListAsync(cancellationToken)];
        return Lcids.TryGetValue(language, out var lcid) && _languages.Contains(lcid) ? lcid : 0;
    }

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
