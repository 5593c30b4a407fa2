using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Web.Features.Articles.Publishing;

// The public face of a statement: who may see it, how its pages are tagged in the output cache,
// and which of them a change evicts.

/// <summary>
/// The one place that says what the public may see: a statement is visible exactly when it is
/// Published, its publish time not in the future and its unpublish time (if any) not passed. Every
/// public query starts here.
/// </summary>
public static class PublicArticles
{
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt != null && a.PublishAt <= utcNow
            && (a.UnpublishAt == null || a.UnpublishAt > utcNow));

    public static IQueryable<Article> Visible(this IQueryable<Article> articles, TimeProvider clock) =>
        articles.VisibleAt(clock.GetUtcNow().UtcDateTime);

    /// <summary>The versions in one language: a page under `/nl/` lists the Dutch ones.</summary>
    public static IQueryable<Article> InLanguage(this IQueryable<Article> articles, string language) =>
        articles.Where(a => a.Language == language);

    public static bool IsVisibleAt(this Article article, DateTime utcNow) =>
        article.Status == ArticleStatus.Published && article.PublishAt is { } at && at <= utcNow
        && (article.UnpublishAt is not { } end || end > utcNow);
}

/// <summary>
/// How the public pages that show statements are tagged in the output cache, so a change evicts
/// exactly the pages that could show it (docs/decisions/0060, 0061).
/// </summary>
public static class ArticleCacheTags
{
    /// <summary>Every list of statements: home, MEP, committee, topic, search, feeds, sitemap.</summary>
    public const string Lists = "lists";
    /// <summary>Every statement's page: each shows a few related statements.</summary>
    public const string ArticlePages = "article-pages";

    /// <summary>The page of one statement (its path is a slug, which does not say the id).</summary>
    public static string Article(int id) => $"article:{id}";

    /// <summary>
    /// What shows a statement's figures (its rating): its own page and the list pages that show it,
    /// which carry its tag too (<c>_ArticleList</c> tags every statement it shows). A rating evicts
    /// these and nothing else (decision 0287).
    /// </summary>
    public static string[] PagesShowing(int id) => [Article(id)];
}

/// <summary>Evicts the cached public pages a publication change could alter.</summary>
internal sealed class PublicPageEviction(IPublicCache cache) : IPublicationListener
{
    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync(change.ArticleId is { } id
            // Its own page and every list (it may enter or leave any of them); its title or visibility
            // may also show among the related statements of other pages. (A rating evicts only the
            // pages that show it.)
            ? [.. ArticleCacheTags.PagesShowing(id), ArticleCacheTags.Lists, ArticleCacheTags.ArticlePages]
            : [ArticleCacheTags.Lists, ArticleCacheTags.ArticlePages], cancellationToken);
}
