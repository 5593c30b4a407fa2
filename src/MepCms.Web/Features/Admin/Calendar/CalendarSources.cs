using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Calendar;

// One class per kind of event: each reads only its own rows for the range's UTC bounds, so a new
// kind is one class here and one line in CalendarSetup.

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

/// <summary>Drafts and statements in review that already carry a publish time (imported, or sent back after scheduling).</summary>
internal sealed class DraftDueSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking()
            .Where(a => (a.Status == ArticleStatus.Draft || a.Status == ArticleStatus.InReview) && a.PublishAt >= fromUtc && a.PublishAt < toUtc)
            .Select(a => new { a.Id, a.Title, a.Status, At = a.PublishAt!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(r.Status == ArticleStatus.Draft ? CalendarKind.DraftDue : CalendarKind.InReviewDue, r.At, r.Title, Edit.Link(r.Id)))];
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

/// <summary>
/// When an embargo lifts: the publish time of a scheduled statement that journalists hold before it,
/// sent to press lists (an embargo message) or handed out as an embargo link before that time.
/// </summary>
internal sealed class EmbargoSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.PublishAt >= fromUtc && a.PublishAt < toUtc)
            .Where(a => db.PressMessages.Any(m => m.Recipient.ArticleId == a.Id && m.Kind == PressMessageKind.Embargo)
                || db.AuditEntries.Any(e => e.EntityType == "Article" && e.EntityId == a.Id.ToString()
                    && e.Action == AuditActions.ArticleEmbargoLinkCreated && e.At < a.PublishAt))
            .Select(a => new { a.Id, a.Title, At = a.PublishAt!.Value }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => CalendarEvent.At(CalendarKind.EmbargoLifts, r.At, r.Title, Edit.Link(r.Id)))];
    }
}

/// <summary>Ideas with a date that are not statements yet (or are drafts being written for the day).</summary>
internal sealed class PlannedSource(MepCmsDbContext db) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var (from, to) = (DateOnly.FromDateTime(BrusselsTime.ToLocal(fromUtc)), DateOnly.FromDateTime(BrusselsTime.ToLocal(toUtc)));
        var rows = await db.PlannedEntries.AsNoTracking().Where(p => p.Day >= from && p.Day < to)
            .Select(p => new { p.Id, p.Day, p.Time, p.Title, p.Note, p.ArticleId, ArticleTitle = p.Article != null ? p.Article.Title : null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(p => new CalendarEvent(CalendarKind.Planned, p.Day, p.Time, p.Title, PlannedEntry.Link(p.Id))
        {
            Note = p.Note,
            Statement = p is { ArticleId: { } id, ArticleTitle: { } title } ? (title, Edit.Link(id)) : null,
        })];
    }
}
