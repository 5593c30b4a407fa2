using System.Globalization;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// A statement's rating aggregate: the one place that computes the average, rounds it and words it.
/// Pages, the JSON of the rating endpoints (and so the widget's script) and the back office all say
/// it through this type.
/// </summary>
public readonly record struct RatingSummary(int Count, long Sum)
{
    /// <summary>The exact mean, for ordering; null without ratings.</summary>
    public double? Mean => Count == 0 ? null : (double)Sum / Count;

    /// <summary>The mean as readers see it: one decimal, halves rounded up.</summary>
    public double? Average => Round(1);

    /// <summary>The mean in staff reports: two decimals (0 without ratings, so a column sorts).</summary>
    public double ReportAverage => Round(2) ?? 0;

    /// <summary>"4.2": the average in the back office, always with its one decimal.</summary>
    public string AverageText => Format(Average ?? 0, "0.0");

    /// <summary>The sentence under a statement, in the current culture ("4,2" and "3 notes" in French).</summary>
    public string Text => Sentence(Average, Count);

    /// <summary>
    /// "Rated 4.2 / 5 (37 ratings)": the average in a list of statements; empty without ratings,
    /// so a list of news is not a column of "No ratings yet".
    /// </summary>
    public string ListText => Count == 0 ? "" : SiteText.Format("RatedInList", ForReaders(Average ?? 0), SiteText.Plural("RatingCount", Count));

    /// <summary>"4.25": the report's average.</summary>
    public string ReportAverageText => Format(ReportAverage, "0.00");

    /// <summary>"37 ratings", "1 rating": the back office's count.</summary>
    public string CountText => CountOf(Count);

    /// <summary>The sentence for an average already rounded for readers (<see cref="Average"/>) and its count.</summary>
    public static string Sentence(double? average, int count) =>
        count == 0 || average is not { } value ? SiteText.Get("NoRatingsYet") : SiteText.Format("AverageScore", ForReaders(value), SiteText.Plural("RatingCount", count));

    private static string CountOf(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "rating" : "ratings")}");

    private double? Round(int decimals) => Mean is { } mean ? Math.Round(mean, decimals, MidpointRounding.AwayFromZero) : null;

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An average as a reader of the current culture writes it: "4.2", "4,2".</summary>
    private static string ForReaders(double value) => value.ToString("0.0", CultureInfo.CurrentCulture);
}
