using SkiaSharp;

namespace MepCms.Web.Features.Articles.ShareCards;

/// <summary>What a share card shows: the statement's title, its MEPs and date, and the site's name and colours.</summary>
/// <param name="Kicker">The line under the MEPs, in the statement's language ("Press statement · 6 October 2023").</param>
public sealed record ShareCardText(string Title, string Meps, string Kicker, string SiteName, string Background, string Accent);

/// <summary>
/// Draws a statement's share card (1200 × 630 PNG, the size Open Graph and X cards expect) with
/// SkiaSharp and the fonts shipped in the assembly (Source Sans 3, OFL; Latin, Greek and Cyrillic),
/// so it looks the same on every server whatever fonts it has.
/// </summary>
public static class ShareCard
{
    public const int Width = 1200;
    public const int Height = 630;
    private const float Margin = 72;

    private static readonly Lazy<SKTypeface> Bold = new(() => Load("MepCms.Web.ShareCards.Bold"));
    private static readonly Lazy<SKTypeface> Regular = new(() => Load("MepCms.Web.ShareCards.Regular"));

    public static byte[] Draw(ShareCardText text)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.Parse(text.Background));
        using var accent = new SKPaint { Color = SKColor.Parse(text.Accent), IsAntialias = true };
        canvas.DrawRect(0, Height - 16, Width, 16, accent);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var soft = new SKPaint { Color = SKColors.White.WithAlpha(215), IsAntialias = true };

        using var kicker = new SKFont(Bold.Value, 30);
        canvas.DrawText(text.SiteName.ToUpperInvariant(), Margin, Margin + 24, SKTextAlign.Left, kicker, soft);

        // The title as large as four lines allow, from 64 px down to 44 px; longer ones end in an ellipsis.
        var size = 64f;
        List<string> lines;
        while (true)
        {
            using var probe = new SKFont(Bold.Value, size);
            lines = Wrap(text.Title, probe, Width - 2 * Margin, out var complete);
            if ((complete && lines.Count <= 4) || size <= 44)
            {
                break;
            }
            size -= 4;
        }
        using var title = new SKFont(Bold.Value, size);
        var y = Margin + 24 + 40 + size;
        foreach (var line in lines.Take(4))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, title, white);
            y += size * 1.18f;
        }

        using var small = new SKFont(Regular.Value, 30);
        canvas.DrawText(Fit(text.Meps, small, Width - 2 * Margin), Margin, Height - Margin - 40, SKTextAlign.Left, small, white);
        canvas.DrawText(Fit(text.Kicker, small, Width - 2 * Margin), Margin, Height - Margin, SKTextAlign.Left, small, soft);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Words into lines no wider than <paramref name="width"/>; at most four, the last one ending in "…" when the text goes on.</summary>
    private static List<string> Wrap(string text, SKFont font, float width, out bool complete)
    {
        var lines = new List<string>();
        var line = "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = line.Length == 0 ? words[i] : line + " " + words[i];
            if (font.MeasureText(candidate) <= width || line.Length == 0)
            {
                line = candidate;
                continue;
            }
            lines.Add(line);
            line = words[i];
            if (lines.Count == 4)
            {
                lines[3] = Fit(lines[3] + " " + string.Join(' ', words[i..]), font, width);
                complete = false;
                return lines;
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        complete = true;
        return lines;
    }

    /// <summary>The text, cut at a word and ended with "…" when it is wider than <paramref name="width"/>.</summary>
    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }
        var cut = text;
        while (cut.Length > 1 && font.MeasureText(cut + "…") > width)
        {
            var space = cut.LastIndexOf(' ');
            cut = space > 0 ? cut[..space] : cut[..^1];
        }
        return cut.TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>Whether the card's fonts have a glyph for every character of <paramref name="text"/>.</summary>
    public static bool Covers(string text)
    {
        using var bold = new SKFont(Bold.Value);
        using var regular = new SKFont(Regular.Value);
        return bold.ContainsGlyphs(text) && regular.ContainsGlyphs(text);
    }

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(ShareCard).Assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The font {resource} is not in the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        // A copy the typeface owns: the resource stream is closed when this returns.
        using var data = SKData.CreateCopy(buffer.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {resource} could not be read.");
    }
}
