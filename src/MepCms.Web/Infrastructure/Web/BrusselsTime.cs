using System.Globalization;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>Times are stored in UTC and shown in Brussels time, where the Parliament works.</summary>
public static class BrusselsTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Brussels wall-clock time to UTC. A time skipped by the spring change is moved forward an hour.</summary>
    public static DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    public static string Date(DateTime utc) =>
        ToLocal(utc).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTimeText(DateTime utc) =>
        ToLocal(utc).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"6 oktober 2023": a date on a public page, in the current culture's words and order (the "DateFormat" of <see cref="SiteText"/>).</summary>
    public static string DateForReaders(DateTime utc) =>
        ToLocal(utc).ToString(SiteText.Get("DateFormat"), CultureInfo.CurrentCulture);

    /// <summary>"6 oktober 2023, 10:00": a date and time on a public page, in the current culture.</summary>
    public static string DateTimeForReaders(DateTime utc) =>
        ToLocal(utc).ToString(SiteText.Get("DateTimeFormat"), CultureInfo.CurrentCulture);

    /// <summary>ISO 8601 with the Brussels offset, for &lt;time datetime&gt; and JSON-LD.</summary>
    public static string Iso(DateTime utc) =>
        new DateTimeOffset(ToLocal(utc), Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
