using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Articles;

/// <summary>Projections shared by every public list of statements, newest first.</summary>
public static class ArticleQueries
{
    public static IQueryable<ArticleSummary> ToSummaries(this IQueryable<Article> articles) =>
        articles
            .OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)
            .Select(a => new ArticleSummary(
                a.Title, a.Slug, a.Lead, a.PublishAt!.Value,
                a.Authors.OrderBy(x => x.Position).Select(x => new NamedLink(x.Author.FullName, x.Author.Slug)).ToList(),
                new RatingSummary(a.RatingCount, a.RatingSum)));
}
