using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Calendar;

public enum CalendarKind { GoLive, WentLive, Update, UpdateHeld, Expiry, PinEnd, EmbargoLifts, Planned }

/// <summary>One thing on the calendar, on a Brussels day (and at a Brussels time, except for an idea without one).</summary>
public sealed record CalendarEvent(CalendarKind Kind, DateOnly Day, TimeOnly? Time, string Title, string Link)
{
    public string? Note { get; init; }

    public string Label => Kind switch
    {
        CalendarKind.GoLive => "Goes live",
        CalendarKind.WentLive => "Went live",
        CalendarKind.Update => "Text update",
        CalendarKind.UpdateHeld => "Update held",
        CalendarKind.Expiry => "Leaves the site",
        CalendarKind.PinEnd => "Pin ends",
        CalendarKind.EmbargoLifts => "Embargo lifts",
        _ => "Planned",
    };

    /// <summary>A UTC time as a Brussels day and time.</summary>
    public static CalendarEvent At(CalendarKind kind, DateTime utc, string title, string link)
    {
        var local = BrusselsTime.ToLocal(utc);
        return new(kind, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), title, link);
    }
}

/// <summary>A kind of event the calendar shows: each reads its own rows for a range of UTC time.</summary>
public interface ICalendarSource
{
    Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);
}

internal static class Edit
{
    public static string Link(int id) => $"/admin/articles/{id}/edit";
}

/// <summary>Publish times of published statements: coming go-lives, and those that went live in the range.</summary>
internal sealed class GoLiveSource(MepCmsDbContext db, TimeProvider clock) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishAt >= fromUtc && a.PublishAt < toUtc)
            .Select(a => new { a.Id, a.Title, At = a.PublishAt!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(r.At > now ? CalendarKind.GoLive : CalendarKind.WentLive, r.At, r.Title, Edit.Link(r.Id)))];
    }
}

/// <summary>Unpublish times of published statements.</summary>
internal sealed class ExpirySource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.UnpublishAt >= fromUtc && a.UnpublishAt < toUtc)
            .Select(a => new { a.Id, a.Title, At = a.UnpublishAt!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(CalendarKind.Expiry, r.At, r.Title, Edit.Link(r.Id)))];
    }
}

/// <summary>Ends of the home page's pin.</summary>
internal sealed class PinEndSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => a.PinnedAt != null && a.PinnedUntil >= fromUtc && a.PinnedUntil < toUtc)
            .Select(a => new { a.Id, a.Title, At = a.PinnedUntil!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(CalendarKind.PinEnd, r.At, r.Title, Edit.Link(r.Id)))];
    }
}

/// <summary>Scheduled updates of live statements (held ones too: someone must look at them).</summary>
internal sealed class UpdateSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.ScheduledUpdates.AsNoTracking().Where(u => u.At >= fromUtc && u.At < toUtc)
            .Select(u => new { u.ArticleId, u.Article.Title, u.At, Held = u.HeldAt != null }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(r.Held ? CalendarKind.UpdateHeld : CalendarKind.Update, r.At, r.Title, Edit.Link(r.ArticleId) + "#scheduled-update"))];
    }
}

/// <summary>The publish times of statements sent to journalists under embargo: when the embargo lifts.</summary>
internal sealed class EmbargoSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.PublishAt >= fromUtc && a.PublishAt < toUtc && db.PressRecipients.Any(r => r.ArticleId == a.Id))
            .Select(a => new { a.Id, a.Title, At = a.PublishAt!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(CalendarKind.EmbargoLifts, r.At, r.Title, $"/admin/articles/{r.Id}/press"))];
    }
}

/// <summary>Ideas with a date that are not statements yet.</summary>
internal sealed class PlannedSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var (from, to) = (DateOnly.FromDateTime(BrusselsTime.ToLocal(fromUtc)), DateOnly.FromDateTime(BrusselsTime.ToLocal(toUtc)));
        var rows = await db.PlannedEntries.AsNoTracking().Where(p => p.Day >= from && p.Day < to).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new CalendarEvent(CalendarKind.Planned, p.Day, p.Time, p.Title, $"/admin/calendar/planned/{p.Id}") { Note = p.Note })];
    }
}
