using System.Globalization;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
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
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] string? view, [FromQuery] string? date, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(BrusselsTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        if (Parse(view, date, today) is not { } range)
        {
            return BadRequest("Give view=month or view=week and a date as 2026-12-05 (or a month as 2026-12) between 2000 and 2100.");
        }
        return View(await ModelAsync(range, today, new PlannedForm { Day = range.Focus }, cancellationToken));
    }

    [HttpPost("planned")]
    public async Task<IActionResult> Plan(PlannedForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || form.Day is not { } day || day < CalendarRange.Earliest || day > CalendarRange.Latest)
        {
            var today = DateOnly.FromDateTime(BrusselsTime.ToLocal(clock.GetUtcNow().UtcDateTime));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(nameof(form.Day), form.Day is null ? "" : "Choose a day between 2000 and 2100.");
            return View(nameof(Index), await ModelAsync(CalendarRange.For(CalendarView.Month, form.Day is { } d && d >= CalendarRange.Earliest && d <= CalendarRange.Latest ? d : today), today, form, cancellationToken));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new PlannedEntry
        {
            Day = day, Time = form.Time, Title = form.Title!.Trim(), Note = Blank(form.Note),
            CreatedById = User.Id(), CreatedByName = User.Identity?.Name ?? "", CreatedAt = now,
        };
        db.PlannedEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, now, AuditActions.CalendarEntryPlanned, "PlannedEntry", entry.Id, $"{Text(entry)}: {entry.Title}");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"“{entry.Title}” was planned for {Text(entry)}.");
        return Redirect(CalendarRange.Url(CalendarView.Month, day));
    }

    [HttpGet("planned/{id:int:min(1)}")]
    public async Task<IActionResult> Entry(int id, CancellationToken cancellationToken) =>
        await db.PlannedEntries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } entry
            ? View(new PlannedEntryViewModel(entry, new PlannedForm { Title = entry.Title, Note = entry.Note, Day = entry.Day, Time = entry.Time }, MayChange(entry)))
            : NotFound();

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
        if (!ModelState.IsValid || form.Day is not { } day || day < CalendarRange.Earliest || day > CalendarRange.Latest)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Entry), new PlannedEntryViewModel(entry, form, true));
        }
        (entry.Day, entry.Time, entry.Title, entry.Note) = (day, form.Time, form.Title!.Trim(), Blank(form.Note));
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.CalendarEntryChanged, "PlannedEntry", entry.Id, $"{Text(entry)}: {entry.Title}");
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
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.CalendarEntryDeleted, "PlannedEntry", entry.Id, $"{Text(entry)}: {entry.Title}");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"“{entry.Title}” was taken off the calendar.");
        return Redirect(CalendarRange.Url(CalendarView.Month, entry.Day));
    }

    private bool MayChange(PlannedEntry entry) => User.MayPublish() || entry.CreatedById == User.Id();

    private async Task<CalendarViewModel> ModelAsync(CalendarRange range, DateOnly today, PlannedForm form, CancellationToken cancellationToken)
    {
        var (from, to) = range.Utc;
        var events = new List<CalendarEvent>();
        foreach (var source in sources)
        {
            events.AddRange(await source.EventsAsync(from, to, cancellationToken));
        }
        var ordered = events.OrderBy(e => e.Day).ThenBy(e => e.Time ?? TimeOnly.MinValue).ThenBy(e => e.Kind).ThenBy(e => e.Title, StringComparer.Ordinal);
        return new CalendarViewModel(range, today, ordered.ToLookup(e => e.Day), form, TempData.TakeFlash());
    }

    /// <summary>The range asked for: a month or a week around a day ("2026-12-05") or a month ("2026-12"); today's month by default.</summary>
    internal static CalendarRange? Parse(string? view, string? date, DateOnly today)
    {
        CalendarView kind;
        switch (view?.ToLowerInvariant())
        {
            case null or "" or "month": kind = CalendarView.Month; break;
            case "week": kind = CalendarView.Week; break;
            default: return null;
        }
        DateOnly focus = today;
        if (!string.IsNullOrEmpty(date)
            && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out focus)
            && !DateOnly.TryParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out focus))
        {
            return null;
        }
        return focus < CalendarRange.Earliest || focus > CalendarRange.Latest ? null : CalendarRange.For(kind, focus);
    }

    private static string Text(PlannedEntry entry) =>
        entry.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + (entry.Time is { } time ? $", {time.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
