using System.Globalization;
using System.Text;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Ratings;

/// <summary>What readers scored: per statement, as charts, as CSV; admins remove vote stuffing.</summary>
[Route("admin/ratings")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class RatingsController(MepCmsDbContext db, RatingService ratings, TimeProvider clock) : AdminController
{
    private const int Days = 30;

    [HttpGet]
    public async Task<IActionResult> Index(string? sort, CancellationToken cancellationToken)
    {
        sort ??= "count";
        return RatingReport.SortKeys.Contains(sort)
            ? View(new RatingListViewModel(RatingReport.Sorted(await RowsAsync(null, cancellationToken), sort).ToList(), sort, TempData.TakeFlash()))
            : BadRequest("Unknown sort key.");
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? sort, CancellationToken cancellationToken)
    {
        sort ??= "count";
        if (!RatingReport.SortKeys.Contains(sort))
        {
            return BadRequest("Unknown sort key.");
        }
        var csv = RatingReport.Csv(RatingReport.Sorted(await RowsAsync(null, cancellationToken), sort));
        var name = $"ratings-{clock.GetUtcNow():yyyy-MM-dd}.csv";
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var model = await DetailAsync(id, new RemoveRatingsForm(), TempData.TakeFlash(), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Deletes one statement's ratings made in [From, To) and recomputes its stored aggregate from what remains.</summary>
    [Authorize(Policy = Policies.IsAdmin), HttpPost("{id:int:min(1)}/remove")]
    public async Task<IActionResult> Remove(int id, RemoveRatingsForm form, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        if (ModelState.IsValid && form.From >= form.To)
        {
            ModelState.AddModelError(nameof(form.To), "The end of the window must come after its start.");
        }
        if (!ModelState.IsValid)
        {
            return View(nameof(Show), await DetailAsync(id, form, null, cancellationToken));
        }
        var (from, to) = (DateTime.SpecifyKind(form.From!.Value, DateTimeKind.Utc), DateTime.SpecifyKind(form.To!.Value, DateTimeKind.Utc));
        var removed = await ratings.RemoveAsync(id, from, to, User, cancellationToken);
        Flash($"{removed} {(removed == 1 ? "rating was" : "ratings were")} removed.");
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<RatingDetailViewModel?> DetailAsync(int id, RemoveRatingsForm form, string? flash, CancellationToken cancellationToken)
    {
        var version = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.StatementId }).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }
        var row = (await RowsAsync(version.StatementId, cancellationToken)).SingleOrDefault() is { } counted
            ? counted with { ArticleId = id }
            : new RatingReportRow(id, version.Title, 0, 0, new int[5]);
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var since = today.AddDays(-(Days - 1));
        var days = await db.Ratings.AsNoTracking().Where(r => r.StatementId == version.StatementId && r.CreatedAt >= since).Select(r => r.CreatedAt).ToListAsync(cancellationToken);
        var perDay = Enumerable.Range(0, Days).Select(i => since.AddDays(i))
            .Select(d => new Bar(d.ToString("dd MMM", CultureInfo.InvariantCulture), days.Count(x => x.Date == d))).ToList();
        var distribution = row.Distribution.Select((n, i) => new Bar($"{i + 1} ★", n)).ToList();
        return new RatingDetailViewModel(row, new BarChart("distribution", "Scores", distribution),
            new BarChart("per-day", $"Ratings per day, last {Days} days (UTC)", perDay), form, User.IsInRole(Account.Roles.Admin), flash);
    }

    /// <summary>
    /// Counts straight from the ratings table, one grouped query: per statement, all its versions
    /// together, each named by its original version (<paramref name="statementId"/>: that statement only).
    /// </summary>
    private async Task<List<RatingReportRow>> RowsAsync(int? statementId, CancellationToken cancellationToken)
    {
        var groups = await db.Ratings.AsNoTracking().Where(r => statementId == null || r.StatementId == statementId)
            .GroupBy(r => new { r.StatementId, r.Score })
            .Select(g => new { g.Key.StatementId, g.Key.Score, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var names = await db.Articles.AsNoTracking().OriginalsAsync([.. groups.Select(g => g.StatementId).Distinct()], cancellationToken);
        return groups.Where(g => names.ContainsKey(g.StatementId)).GroupBy(g => g.StatementId).Select(g =>
        {
            var distribution = new int[5];
            foreach (var score in g) { distribution[score.Score - 1] = score.Count; }
            var (articleId, title) = names[g.Key];
            return new RatingReportRow(articleId, title, g.Sum(s => s.Count), g.Sum(s => (long)s.Score * s.Count), distribution);
        }).ToList();
    }
}
