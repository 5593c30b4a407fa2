using System.Text;
using System.Text.RegularExpressions;
using AnyAscii;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// The strict slug generator: lower-case ASCII letters and digits joined by single hyphens.
/// Accents are folded and Greek or Cyrillic transliterated ("Žemaitė's café" → "zemaites-cafe").
/// </summary>
public static partial class Slugs
{
    public const string RoutePattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= Limits.Slug } && ValidSlug().IsMatch(slug);

    public static string From(string text, int maxLength = 80)
    {
        var ascii = text.Transliterate().ToLowerInvariant();
        var slug = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (c is '\'' or '’')
            {
                continue; // "MEP's" → "meps", not "mep-s"
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
        {
            result = result[..maxLength];
            var cut = result.LastIndexOf('-');
            result = (cut > maxLength / 2 ? result[..cut] : result).Trim('-');
        }
        return result;
    }

    [GeneratedRegex(RoutePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ValidSlug();
}
