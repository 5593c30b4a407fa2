using System.Globalization;
using System.Text.RegularExpressions;

namespace MepCms.Web.Features.Settings;

/// <summary>WCAG 2.1 contrast between colours written #rrggbb (relative luminance, ratio from 1:1 to 21:1).</summary>
public static partial class Contrast
{
    /// <summary>Normal-size text needs this much against its background (WCAG 2.1 AA, 1.4.3).</summary>
    public const double AaText = 4.5;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();

    public static bool IsColour(string? value) => value is not null && HexColour().IsMatch(value);

    public static double Ratio(string foreground, string background)
    {
        var (a, b) = (Luminance(foreground), Luminance(background));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>The ratio as people read it: "3.9:1" (rounded down, so 4.49 never reads as 4.5).</summary>
    public static string Text(double ratio) => (Math.Floor(ratio * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture) + ":1";

    private static double Luminance(string colour)
    {
        double Channel(int offset)
        {
            var c = int.Parse(colour.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }
}
