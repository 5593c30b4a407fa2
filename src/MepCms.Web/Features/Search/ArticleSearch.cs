using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Search;

/// <summary>
/// The database's full-text index over title, lead and body (docs/decisions/0011). Each provider
/// has its own (FTS5, or full-text search), in its folder under Data/, chosen in DatabaseSetup.
/// Drafts are indexed too: an index joins its matches with the visible statements it is given.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// The ids of the <paramref name="visible"/> statements matching the query, best first, at most
    /// <see cref="ArticleSearch.MaxHits"/>. <paramref name="pageSize"/> lets an index widen a search
    /// (whole words, then prefixes) that finds less than a page. <paramref name="language"/> is the
    /// language of the versions searched (the visible ones are in it): the index looks only among
    /// them, so versions in other languages never take the places of the matches counted.
    /// </summary>
    Task<IReadOnlyList<int>> RankedIdsAsync(IQueryable<Article> visible, SearchQuery query, string language, int pageSize, CancellationToken cancellationToken);
}

public static class ArticleSearch
{
    /// <summary>
    /// At most this many matches are ranked and counted, so a word found in every statement costs
    /// little more than a rare one. Nobody pages past the twentieth result page of a search.
    /// </summary>
    public const int MaxHits = 200;

    /// <summary>
    /// One page of the visible statements matching the query, best first, or null past the end:
    /// the ranked ids (the full-text match runs once for count and page), then the page's summaries,
    /// looked up by primary key.
    /// </summary>
    public static async Task<PagedList<ArticleSummary>?> PageAsync(ISearchIndex index, IQueryable<Article> visible, SearchQuery query, string language,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var ranked = await index.RankedIdsAsync(visible.InLanguage(language), query, language, pageSize, cancellationToken);
        if (Paging.IsBeyondEnd(page, ranked.Count, pageSize))
        {
            return null;
        }
        // The hits are keyless rows, so the bylines are loaded in a second step, then put back in rank order.
        var ids = ranked.Skip((page - 1) * pageSize).Take(pageSize).ToArray();
        // One JSON parameter: the same SQL for every page, so EF Core reuses the command it wrote.
        var summaries = await visible.Where(a => EF.Parameter(ids).Contains(a.Id)).Select(ArticleQueries.Summary).ToListAsync(cancellationToken);
        return new PagedList<ArticleSummary>(summaries.OrderBy(s => Array.IndexOf(ids, s.Id)).ToList(), page, pageSize, ranked.Count);
    }
}
