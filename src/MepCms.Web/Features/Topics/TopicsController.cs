using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Topics;

[Localized]
public sealed class TopicsController(MepCmsDbContext db, TimeProvider clock) : TaggedListController<Topic>(db, clock)
{
    [HttpGet("/topics/{slug}")]
    public Task<IActionResult> Show(string slug, int? page, CancellationToken cancellationToken) =>
        TaggedListAsync(slug, page, "/topics", id => a => a.Topics.Any(t => t.Id == id),
            (topic, name, articles) => new TaggedListViewModel(SiteText.Get("Topic"), name, slug, topic.Description, $"/topics/{slug}", articles, FeedPath: null), cancellationToken);
}
