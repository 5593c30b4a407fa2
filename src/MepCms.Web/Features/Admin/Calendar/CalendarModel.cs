using System.Globalization;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Calendar;

public enum CalendarView { Month, Week }

/// <summary>The days a calendar page shows, Monday first, in Brussels time, and the addresses around it.</summary>
public sealed record CalendarRange(CalendarView View, DateOnly Focus, DateOnly First, DateOnly End)
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static CalendarRange For(CalendarView view, DateOnly focus)
    {
        if (view == CalendarView.Week)
        {
            var monday = MondayOf(focus);
            return new(view, focus, monday, monday.AddDays(7));
        }
        var firstOfMonth = new DateOnly(focus.Year, focus.Month, 1);
        var first = MondayOf(firstOfMonth);
        var end = MondayOf(firstOfMonth.AddMonths(1).AddDays(-1)).AddDays(7);
        return new(view, focus, first, end);
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>UTC bounds: midnight in Brussels at both ends (a day across a clock change has 23 or 25 hours).</summary>
    public (DateTime From, DateTime To) Utc =>
        (BrusselsTime.ToUtc(First.ToDateTime(TimeOnly.MinValue)), BrusselsTime.ToUtc(End.ToDateTime(TimeOnly.MinValue)));

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, End.DayNumber - First.DayNumber).Select(First.AddDays);

    public string Heading => View == CalendarView.Month
        ? Focus.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : $"Week {ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue))}: {First.ToString("d MMMM", CultureInfo.InvariantCulture)} – {End.AddDays(-1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";

    public DateOnly Previous => View == CalendarView.Month ? Focus.AddMonths(-1) : Focus.AddDays(-7);
    public DateOnly Next => View == CalendarView.Month ? Focus.AddMonths(1) : Focus.AddDays(7);

    public static string Url(CalendarView view, DateOnly day) =>
        $"/admin/calendar?view={view.ToString().ToLowerInvariant()}&date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

public sealed record CalendarViewModel(CalendarRange Range, DateOnly Today, ILookup<DateOnly, CalendarEvent> Events, PlannedForm Form, string? Flash);

public sealed class PlannedForm
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Give the idea a title."), System.ComponentModel.DataAnnotations.StringLength(PlannedEntry.TitleLength)]
    public string? Title { get; set; }
    [System.ComponentModel.DataAnnotations.StringLength(PlannedEntry.NoteLength)]
    public string? Note { get; set; }
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Choose the day.")]
    public DateOnly? Day { get; set; }
    public TimeOnly? Time { get; set; }
}

public sealed record PlannedEntryViewModel(PlannedEntry Entry, PlannedForm Form, bool MayChange);

public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<ICalendarSource, GoLiveSource>();
        services.AddScoped<ICalendarSource, UpdateSource>();
        services.AddScoped<ICalendarSource, ExpirySource>();
        services.AddScoped<ICalendarSource, PinEndSource>();
        services.AddScoped<ICalendarSource, EmbargoSource>();
        services.AddScoped<ICalendarSource, PlannedSource>();
        return services;
    }
}
