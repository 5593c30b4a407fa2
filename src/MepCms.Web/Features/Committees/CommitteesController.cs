using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Committees;

[Localized]
public sealed class CommitteesController(MepCmsDbContext db, TimeProvider clock) : TaggedListController<Committee>(db, clock)
{
    [HttpGet("/committees")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var language = HttpContext.Language().Code;
        var committees = await Db.Committees.AsNoTracking()
            .Where(c => c.IsActive)
            .OrderBy(c => c.Code)
            .Select(c => new CommitteeCard(c.Code, c.Slug, c.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault() ?? c.Name, c.Description, c.Memberships.Count))
            .ToListAsync(cancellationToken);
        return View(new CommitteeDirectoryViewModel(committees));
    }

    /// <summary>A committee's statements. A committee no longer active keeps its page: its statements still link to it.</summary>
    [HttpGet("/committees/{slug}")]
    public Task<IActionResult> Show(string slug, int? page, CancellationToken cancellationToken) =>
        TaggedListAsync(slug, page, "/committees", id => a => a.Committees.Any(c => c.Id == id),
            (committee, name, articles) => new TaggedListViewModel(SiteText.Format("CommitteeKind", committee.Code), name, slug, committee.Description,
                $"/committees/{slug}", articles, $"/committees/{slug}/feed.xml"), cancellationToken);
}
