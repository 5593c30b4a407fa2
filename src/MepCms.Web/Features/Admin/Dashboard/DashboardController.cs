using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Ratings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Dashboard;

public sealed record DashboardItem(int Id, string Title, DateTime? At);

/// <summary>One of the signed-in person's statements with comments still open: how many threads, and the latest comment.</summary>
public sealed record CommentedItem(int Id, string Title, int Open, DateTime Latest);

/// <summary>A statement's ratings made in the dashboard's window.</summary>
public sealed record RatedItem(int Id, string Title, RatingSummary Rating)
{
    public int Count => Rating.Count;
    public double Average => Rating.Mean ?? 0;
}

public sealed record DashboardViewModel(IReadOnlyList<DashboardItem> InReview, IReadOnlyList<DashboardItem> Scheduled, IReadOnlyList<DashboardItem> RecentlyPublished,
    IReadOnlyList<RatedItem> TopRated, IReadOnlyList<RatedItem> MostRated)
{
    /// <summary>Published or scheduled statements with an unpublish time still to come, soonest first.</summary>
    public IReadOnlyList<DashboardItem> Leaving { get; init; } = [];

    /// <summary>The signed-in person's statements with unresolved comments, latest activity first.</summary>
    public IReadOnlyList<CommentedItem> Commented { get; init; } = [];

    /// <summary>Ratings older than this many days do not count on the dashboard.</summary>
    public const int RatingDays = 30;
    /// <summary>Fewer ratings than this in the window say too little to rank a statement as top-rated.</summary>
    public const int TopRatedMinimum = 3;
}

[Route("admin")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class DashboardController(MepCmsDbContext db, TimeProvider clock) : AdminController
{
    private const int Shown = 10;

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = db.Articles.AsNoTracking();
        var inReview = await Items(articles.Where(a => a.Status == ArticleStatus.InReview).OrderBy(a => a.UpdatedAt), useUpdated: true, cancellationToken);
        var scheduled = await Items(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now).OrderBy(a => a.PublishAt), useUpdated: false, cancellationToken);
        var published = await Items(articles.VisibleAt(now).OrderByDescending(a => a.PublishAt), useUpdated: false, cancellationToken);
        var since = now.AddDays(-DashboardViewModel.RatingDays);
        // Ratings count per statement, whichever version they were given on; a statement is named by its original version.
        var counted = await db.Ratings.AsNoTracking().Where(r => r.CreatedAt >= since)
            .GroupBy(r => r.StatementId)
            .Select(g => new { StatementId = g.Key, Rating = new RatingSummary(g.Count(), g.Sum(r => (long)r.Score)) })
            .ToListAsync(cancellationToken);
        var names = await articles.OriginalsAsync([.. counted.Select(c => c.StatementId)], cancellationToken);
        var rated = counted.Where(c => names.ContainsKey(c.StatementId))
            .Select(c => new RatedItem(names[c.StatementId].ArticleId, names[c.StatementId].Title, c.Rating)).ToList();
        var topRated = rated.Where(r => r.Count >= DashboardViewModel.TopRatedMinimum)
            .OrderByDescending(r => r.Average).ThenByDescending(r => r.Count).ThenBy(r => r.Id).Take(Shown).ToList();
        var mostRated = rated.OrderByDescending(r => r.Count).ThenByDescending(r => r.Average).ThenBy(r => r.Id).Take(Shown).ToList();
        var leaving = await articles.Where(a => a.Status == ArticleStatus.Published && a.UnpublishAt > now).OrderBy(a => a.UnpublishAt).Take(Shown)
            .Select(a => new DashboardItem(a.Id, a.Title, a.UnpublishAt)).ToListAsync(cancellationToken);
        var me = User.Id();
        // Grouped by the id alone (a grouping by id and joined title with a date aggregate does not translate); the few titles after.
        var open = await db.ArticleComments.AsNoTracking().Where(c => c.ParentId == null && c.ResolvedAt == null && c.Article.CreatedById == me)
            .GroupBy(c => c.ArticleId).Select(g => new { Id = g.Key, Open = g.Count(), Latest = g.Max(c => c.CreatedAt) })
            .ToListAsync(cancellationToken);
        var latest = open.OrderByDescending(c => c.Latest).Take(Shown).ToList();
        var ids = latest.Select(c => c.Id).ToList();
        var titles = await articles.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        var commented = latest.Select(c => new CommentedItem(c.Id, titles.GetValueOrDefault(c.Id, ""), c.Open, c.Latest)).ToList();
        return View(new DashboardViewModel(inReview, scheduled, published, topRated, mostRated) { Leaving = leaving, Commented = commented });
    }

    private Task<List<DashboardItem>> Items(IQueryable<Article> query, bool useUpdated, CancellationToken cancellationToken) =>
        query.Take(Shown)
            .Select(a => new DashboardItem(a.Id, a.Title, useUpdated ? a.UpdatedAt : a.PublishAt))
            .ToListAsync(cancellationToken);
}
