using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Shared;

/// <summary>One committee's or one topic's page: a heading, a description and its statements.</summary>
public sealed record TaggedListViewModel(string Kind, string Name, string Slug, string Description, string Path, PagedList<ArticleSummary> Articles, string? FeedPath) : IHasPageMeta
{
    public PageMeta Meta => new(
        Articles.Page == 1 ? Name : SiteText.Format("PageNumberTitle", Name, Articles.Page),
        Description.Length > 0 ? Description : SiteText.Format("TaggedDescription", Name),
        Articles.Page == 1 ? Path : $"{Path}?page={Articles.Page}");
}
