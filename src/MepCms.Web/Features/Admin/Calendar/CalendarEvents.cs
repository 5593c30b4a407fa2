using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Calendar;

/// <summary>What happens: the order also ranks events at the same minute.</summary>
public enum CalendarKind { GoLive, WentLive, DraftDue, InReviewDue, Update, UpdateHeld, Expiry, PinEnd, EmbargoLifts, Planned }

/// <summary>One thing on the calendar, on a Brussels day (and at a Brussels time, except for an idea without one).</summary>
public sealed record CalendarEvent(CalendarKind Kind, DateOnly Day, TimeOnly? Time, string Title, string Link)
{
    public string? Note { get; init; }
    /// <summary>The statement a planned idea is about: its title and editor.</summary>
    public (string Title, string Link)? Statement { get; init; }

    public string Label => Kind switch
    {
        CalendarKind.GoLive => "Goes live",
        CalendarKind.WentLive => "Went live",
        CalendarKind.DraftDue => "Draft, to go live",
        CalendarKind.InReviewDue => "In review, to go live",
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
