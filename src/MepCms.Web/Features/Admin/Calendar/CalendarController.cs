using System.Globalization;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Security;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Calendar;

/// <summary>
/// The editorial calendar: a month or a week (Brussels time) of go-lives, text updates, expiries,
/// pin ends and embargo times, and the ideas staff plan with a date. Any staff member plans one;
/// its author, editors and admins change or delete it.
/// </summary>
[Route("admin/calendar")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class CalendarController(MepCmsDbContext db, IEnumerable<ICalendarSource> sources, TimeProvider clock) : AdminController
{
    /// <summary>How many statements the planning form offers to link (the most recently changed).</summary>
    private const int StatementChoices = 100;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] string? view, [FromQuery] string? date, CancellationToken cancellationToken)
    {
        if (CalendarRange.Parse(view, date, Today) is not { } range)
        {
            return BadRequest("Give view=month or view=week and a date as 2026-12-05 (or a month as 2026-12) between 2000 and 2100.");
        }
        return View(await ModelAsync(range, new PlannedForm { Day = range.Focus }, cancellationToken));
    }

    [HttpPost("planned")]
    public async Task<IActionResult> Plan(PlannedForm form, CancellationToken cancellationToken)
    {
        if (await CheckAsync(form, cancellationToken) is not { } day)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var shown = form.Day is { } d && CalendarRange.Holds(d) ? d : Today;
            return View(nameof(Index), await ModelAsync(CalendarRange.For(CalendarView.Month, shown), form, cancellationToken));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new PlannedEntry
        {
            Day = day, Time = form.Time, Title = TextInput.CleanLine(form.Title!), Note = Note(form.Note), ArticleId = form.ArticleId,
            CreatedById = User.Id(), CreatedByName = User.Identity?.Name ?? "", CreatedAt = now,
        };
        db.PlannedEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, now, AuditActions.CalendarEntryPlanned, "PlannedEntry", entry.Id, Summary(entry));
        await db.SaveChangesAsync(cancellationToken);
        Flash($"“{entry.Title}” was planned for {When(entry)}.");
        return Redirect(CalendarRange.Url(CalendarView.Month, day));
    }

    [HttpGet("planned/{id:int:min(1)}")]
    public async Task<IActionResult> Entry(int id, CancellationToken cancellationToken)
    {
        var entry = await db.PlannedEntries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        var form = new PlannedForm { Title = entry.Title, Note = entry.Note, Day = entry.Day, Time = entry.Time, ArticleId = entry.ArticleId };
        return View(await EntryModelAsync(entry, form, cancellationToken));
    }

    [HttpPost("planned/{id:int:min(1)}")]
    public async Task<IActionResult> Change(int id, PlannedForm form, CancellationToken cancellationToken)
    {
        var entry = await db.PlannedEntries.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (!MayChange(entry))
        {
            return Forbid();
        }
        if (await CheckAsync(form, cancellationToken) is not { } day)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Entry), await EntryModelAsync(entry, form, cancellationToken));
        }
        (entry.Day, entry.Time, entry.Title, entry.Note, entry.ArticleId) = (day, form.Time, TextInput.CleanLine(form.Title!), Note(form.Note), form.ArticleId);
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.CalendarEntryChanged, "PlannedEntry", entry.Id, Summary(entry));
        await db.SaveChangesAsync(cancellationToken);
        Flash($"“{entry.Title}” was changed.");
        return Redirect(CalendarRange.Url(CalendarView.Month, day));
    }

    [HttpPost("planned/{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var entry = await db.PlannedEntries.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (!MayChange(entry))
        {
            return Forbid();
        }
        db.PlannedEntries.Remove(entry);
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.CalendarEntryDeleted, "PlannedEntry", entry.Id, Summary(entry));
        await db.SaveChangesAsync(cancellationToken);
        Flash($"“{entry.Title}” was taken off the calendar.");
        return Redirect(CalendarRange.Url(CalendarView.Month, entry.Day));
    }

    private DateOnly Today => DateOnly.FromDateTime(BrusselsTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    private bool MayChange(PlannedEntry entry) => User.MayPublish() || entry.CreatedById == User.Id();

    /// <summary>The form's day when everything in it can be stored; otherwise null, with the reasons in the model state.</summary>
    private async Task<DateOnly?> CheckAsync(PlannedForm form, CancellationToken cancellationToken)
    {
        if (form.Title is { } title && TextInput.CleanLine(title).Length == 0 && ModelState[nameof(form.Title)]?.Errors.Count is null or 0)
        {
            ModelState.AddModelError(nameof(form.Title), "Give the idea a title.");
        }
        if (form.Day is { } day && !CalendarRange.Holds(day))
        {
            ModelState.AddModelError(nameof(form.Day), "Choose a day between 2000 and 2100.");
        }
        if (form.ArticleId is { } articleId && !await db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.ArticleId), "That statement does not exist (any more): choose another, or none.");
        }
        return ModelState.IsValid ? form.Day : null;
    }

    private async Task<CalendarViewModel> ModelAsync(CalendarRange range, PlannedForm form, CancellationToken cancellationToken)
    {
        var (from, to) = range.Utc;
        var events = new List<CalendarEvent>();
        foreach (var source in sources)
        {
            events.AddRange(await source.EventsAsync(from, to, cancellationToken));
        }
        var ordered = events.OrderBy(e => e.Day).ThenBy(e => e.Time ?? TimeOnly.MinValue).ThenBy(e => e.Kind).ThenBy(e => e.Title, StringComparer.Ordinal);
        return new CalendarViewModel(range, Today, ordered.ToLookup(e => e.Day), form, await StatementsAsync(form.ArticleId, cancellationToken), TempData.TakeFlash());
    }

    private async Task<PlannedEntryViewModel> EntryModelAsync(PlannedEntry entry, PlannedForm form, CancellationToken cancellationToken)
    {
        var statement = entry.ArticleId is { } articleId
            ? await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken)
            : null;
        return MayChange(entry)
            ? new(entry, form, true, await StatementsAsync(form.ArticleId ?? entry.ArticleId, cancellationToken), statement)
            : new(entry, form, false, [], statement);
    }

    /// <summary>The statements an idea can be about: the most recently changed, and the one it names now.</summary>
    private async Task<IReadOnlyList<StatementChoice>> StatementsAsync(int? current, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.Status != ArticleStatus.Unpublished || a.Id == current)
            .OrderByDescending(a => a.Id == current).ThenByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(StatementChoices)
            .Select(a => new { a.Id, a.Title, a.Status, a.PublishAt }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Title, StringComparer.InvariantCultureIgnoreCase).Select(r => StatementChoice.Of(r.Id, r.Title, r.Status, r.PublishAt, now))];
    }

    private static string When(PlannedEntry entry) =>
        entry.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + (entry.Time is { } time ? $", {time.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "");

    private static string Summary(PlannedEntry entry) =>
        $"{When(entry)}: {entry.Title}" + (entry.ArticleId is { } id ? $" (statement {id})" : "");

    private static string? Note(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextInput.ReplaceInvalid(text).Trim();
}
