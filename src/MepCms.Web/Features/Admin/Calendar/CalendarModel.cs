using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MepCms.Web.Features.Articles;
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

    /// <summary>The range asked for: a month or a week around a day ("2026-12-05") or a month ("2026-12"); today's month by default. Null for anything else.</summary>
    public static CalendarRange? Parse(string? view, string? date, DateOnly today)
    {
        CalendarView kind;
        switch (view?.ToLowerInvariant())
        {
            case null or "" or "month": kind = CalendarView.Month; break;
            case "week": kind = CalendarView.Week; break;
            default: return null;
        }
        var focus = today;
        if (!string.IsNullOrEmpty(date)
            && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out focus)
            && !DateOnly.TryParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out focus))
        {
            return null;
        }
        return Holds(focus) ? For(kind, focus) : null;
    }

    /// <summary>Days the calendar can show and plan on.</summary>
    public static bool Holds(DateOnly day) => day >= Earliest && day <= Latest;

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

public sealed record CalendarViewModel(CalendarRange Range, DateOnly Today, ILookup<DateOnly, CalendarEvent> Events, PlannedForm Form,
    IReadOnlyList<StatementChoice> Statements, string? Flash);

public sealed class PlannedForm
{
    [Required(ErrorMessage = "Give the idea a title."), StringLength(PlannedEntry.TitleLength, ErrorMessage = "Keep the title under 200 characters.")]
    public string? Title { get; set; }
    [StringLength(PlannedEntry.NoteLength, ErrorMessage = "Keep the note under 1,000 characters.")]
    public string? Note { get; set; }
    [Required(ErrorMessage = "Choose the day.")]
    public DateOnly? Day { get; set; }
    public TimeOnly? Time { get; set; }
    /// <summary>The statement the idea is about, if any.</summary>
    public int? ArticleId { get; set; }
}

/// <summary>The fields of a planned idea, as the calendar and the idea's page show them.</summary>
public sealed record PlannedFieldsModel(PlannedForm Form, IReadOnlyList<StatementChoice> Statements, string TitleLabel);

/// <summary>A statement a planned idea can be about, as the form's list offers it.</summary>
public sealed record StatementChoice(int Id, string Label)
{
    public static StatementChoice Of(int id, string title, ArticleStatus status, DateTime? publishAt, DateTime nowUtc) => new(id, title + " (" + (status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.InReview => "in review",
        ArticleStatus.Published when publishAt > nowUtc => "scheduled for " + BrusselsTime.DateTimeText(publishAt!.Value),
        ArticleStatus.Published => "live",
        _ => "unpublished",
    }) + ")");
}

/// <summary>A planned idea, with the statement it is about (null when none, or deleted since).</summary>
public sealed record PlannedEntryViewModel(PlannedEntry Entry, PlannedForm Form, bool MayChange, IReadOnlyList<StatementChoice> Statements, string? StatementTitle);

public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<ICalendarSource, GoLiveSource>();
        services.AddScoped<ICalendarSource, DraftDueSource>();
        services.AddScoped<ICalendarSource, UpdateSource>();
        services.AddScoped<ICalendarSource, ExpirySource>();
        services.AddScoped<ICalendarSource, PinEndSource>();
        services.AddScoped<ICalendarSource, EmbargoSource>();
        services.AddScoped<ICalendarSource, PlannedSource>();
        return services;
    }
}
