using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Ratings;

/// <summary>One statement's ratings as counted from the ratings table.</summary>
public sealed record RatingReportRow(int ArticleId, string Title, int Count, long Sum, int[] Distribution)
{
    public RatingSummary Rating => new(Count, Sum);
    public double Average => Rating.ReportAverage;
}

public sealed record RatingListViewModel(IReadOnlyList<RatingReportRow> Rows, string Sort, string? Flash);

public sealed record Bar(string Label, int Value);

/// <summary>A horizontal bar chart drawn as SVG on the server; every bar carries its label and value as text.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars)
{
    public const int LabelWidth = 56, BarArea = 320, RowHeight = 22;
    public int Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Value));
    public int Height => Bars.Count * RowHeight + 4;
    public int Width(Bar bar) => bar.Value == 0 ? 0 : Math.Max(1, (int)Math.Round((double)bar.Value / Max * BarArea));
}

public sealed record RatingDetailViewModel(RatingReportRow Row, BarChart Distribution, BarChart PerDay, RemoveRatingsForm Remove, bool MayRemove, string? Flash);

/// <summary>A time window (UTC) whose ratings of one statement are removed as vote stuffing.</summary>
public sealed class RemoveRatingsForm
{
    [Required(ErrorMessage = "Enter the start of the window.")]
    public DateTime? From { get; set; }

    [Required(ErrorMessage = "Enter the end of the window.")]
    public DateTime? To { get; set; }
}

public static class RatingReport
{
    /// <summary>The sort keys the list accepts; anything else is a 400.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["count", "average", "title", "id"];

    public static IEnumerable<RatingReportRow> Sorted(IEnumerable<RatingReportRow> rows, string sort) => sort switch
    {
        "average" => rows.OrderByDescending(r => r.Average).ThenByDescending(r => r.Count).ThenBy(r => r.ArticleId),
        "title" => rows.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.ArticleId),
        "id" => rows.OrderBy(r => r.ArticleId),
        _ => rows.OrderByDescending(r => r.Count).ThenBy(r => r.ArticleId),
    };

    public static string Csv(IEnumerable<RatingReportRow> rows)
    {
        var csv = new StringBuilder("Statement id,Title,Ratings,Average,Score 1,Score 2,Score 3,Score 4,Score 5\r\n");
        foreach (var row in rows)
        {
            IEnumerable<string> cells = [Inv(row.ArticleId), row.Title, Inv(row.Count), row.Rating.ReportAverageText, .. row.Distribution.Select(Inv)];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>
    /// A quoted cell. Text a spreadsheet would run as a formula (= + - @, tab, carriage return
    /// first) is prefixed with an apostrophe.
    /// </summary>
    public static string Cell(string text)
    {
        return "\"" + SpreadsheetCells.Defuse(text).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Inv(int number) => number.ToString(CultureInfo.InvariantCulture);
}
