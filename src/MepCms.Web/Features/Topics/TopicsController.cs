using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Topics;

public sealed class TopicsController(MepCmsDbContext db, TimeProvider clock) : Controller
{
    [HttpGet("/topics/{slug}")]
    public async Task<IActionResult> Show(string slug, int? page, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var topic = await db.Topics.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.Name, t.Description, MergedInto = db.Topics.Where(m => m.Id == t.MergedIntoId).Select(m => m.Slug).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (topic is null)
        {
            return NotFound();
        }
        if (topic.MergedInto is { } target)
        {
            return RedirectPermanent($"/topics/{target}");
        }
        var articles = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Topics.Any(t => t.Id == topic.Id))
            .ToSummaries()
            .ToPageAsync(Paging.Normalise(page), Paging.DefaultPageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }
        return View("TaggedList", new TaggedListViewModel("Topic", topic.Name, slug, topic.Description, $"/topics/{slug}", articles, FeedPath: null));
    }
}
