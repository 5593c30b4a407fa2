using System.Globalization;

namespace MepCms.Web.Features.Ratings;

/// <summary>The stored aggregate of a statement's ratings, and how it is said to readers.</summary>
public readonly record struct RatingSummary(int Count, long Sum)
{
    public double? Average => Count == 0 ? null : Math.Round((double)Sum / Count, 1, MidpointRounding.AwayFromZero);

    public string Text => Average is { } average
        ? string.Create(CultureInfo.InvariantCulture, $"The average score is {average:0.0} / 5 ({Count} {(Count == 1 ? "rating" : "ratings")})")
        : "No ratings yet";
}
