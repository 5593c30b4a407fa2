using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Dashboard;

public sealed record DashboardItem(int Id, string Title, DateTime? At);

public sealed record DashboardViewModel(IReadOnlyList<DashboardItem> InReview, IReadOnlyList<DashboardItem> Scheduled, IReadOnlyList<DashboardItem> RecentlyPublished);

[Authorize(Policy = Policies.BackOffice)]
public sealed class DashboardController(MepCmsDbContext db, TimeProvider clock) : AdminController
{
    private const int Shown = 10;

    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = db.Articles.AsNoTracking();
        var inReview = await Items(articles.Where(a => a.Status == ArticleStatus.InReview).OrderBy(a => a.UpdatedAt), useUpdated: true, cancellationToken);
        var scheduled = await Items(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now).OrderBy(a => a.PublishAt), useUpdated: false, cancellationToken);
        var published = await Items(articles.VisibleAt(now).OrderByDescending(a => a.PublishAt), useUpdated: false, cancellationToken);
        return View(new DashboardViewModel(inReview, scheduled, published));
    }

    private Task<List<DashboardItem>> Items(IQueryable<Article> query, bool useUpdated, CancellationToken cancellationToken) =>
        query.Take(Shown)
            .Select(a => new DashboardItem(a.Id, a.Title, useUpdated ? a.UpdatedAt : a.PublishAt))
            .ToListAsync(cancellationToken);
}
