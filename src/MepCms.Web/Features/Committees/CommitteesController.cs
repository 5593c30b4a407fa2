using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Committees;

public sealed class CommitteesController(MepCmsDbContext db, TimeProvider clock) : Controller
{
    [HttpGet("/committees")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var committees = await db.Committees.AsNoTracking()
            .Where(c => c.IsActive)
            .OrderBy(c => c.Code)
            .Select(c => new CommitteeCard(c.Code, c.Slug, c.Name, c.Description, c.Memberships.Count))
            .ToListAsync(cancellationToken);
        return View(new CommitteeDirectoryViewModel(committees));
    }

    /// <summary>A committee's statements. A committee no longer active keeps its page: its statements still link to it.</summary>
    [HttpGet("/committees/{slug}")]
    public async Task<IActionResult> Show(string slug, int? page, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var committee = await db.Committees.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new { c.Id, c.Code, c.Name, c.Description, MergedInto = db.Committees.Where(m => m.Id == c.MergedIntoId).Select(m => m.Slug).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return NotFound();
        }
        if (committee.MergedInto is { } target)
        {
            return RedirectPermanent($"/committees/{target}");
        }
        var articles = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Committees.Any(c => c.Id == committee.Id))
            .ToSummaries()
            .ToPageAsync(Paging.Normalise(page), Paging.DefaultPageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }
        var path = $"/committees/{slug}";
        return View("TaggedList", new TaggedListViewModel(
            $"Committee · {committee.Code}", committee.Name, slug, committee.Description, path, articles, path + "/feed.xml"));
    }
}
