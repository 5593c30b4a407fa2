namespace MepCms.Web.Features.Articles;

/// <summary>
/// The one place that says what the public may see: a statement is visible exactly when it is
/// Published and its publish time is not in the future. Every public query starts here.
/// </summary>
public static class PublicArticles
{
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt != null && a.PublishAt <= utcNow);

    public static IQueryable<Article> Visible(this IQueryable<Article> articles, TimeProvider clock) =>
        articles.VisibleAt(clock.GetUtcNow().UtcDateTime);

    public static bool IsVisibleAt(this Article article, DateTime utcNow) =>
        article.Status == ArticleStatus.Published && article.PublishAt is { } at && at <= utcNow;
}
