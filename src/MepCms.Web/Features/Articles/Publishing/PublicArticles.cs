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

    /// <summary>
    /// The pages of one statement, all its language versions (a path is a slug, which does not say
    /// the id), and the lists that show any of them.
    /// </summary>
    public static string Statement(int statementId) => $"statement:{statementId}";

    /// <summary>
    /// What shows a statement's figures (its rating, shared by its versions): the pages of its
    /// versions and the list pages that show one, which carry its tag too (<c>_ArticleList</c> tags
    /// every statement it shows). A rating evicts these and nothing else (decisions 0287, 0298).
    /// </summary>
    public static string[] PagesShowing(int statementId) => [Statement(statementId)];
}

/// <summary>Evicts the cached public pages a publication change could alter.</summary>
internal sealed class PublicPageEviction(IPublicCache cache) : IPublicationListener
{
    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken) =>
        // Every list (it may enter or leave any of them) and every statement's page: its own, its
        // other versions' (their language switcher and hreflang name it), and those that show it
        // among their related statements. (A rating evicts only the pages that show it.)
        cache.EvictAsync([ArticleCacheTags.Lists, ArticleCacheTags.ArticlePages], cancellationToken);
}
