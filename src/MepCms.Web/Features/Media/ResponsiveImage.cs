using System.Globalization;

namespace MepCms.Web.Features.Media;

/// <summary>
/// An image of the library as pages show it: the stored high-resolution copy and the narrower
/// renditions the browser chooses from (<c>srcset</c>), WebP with a fallback in the stored format
/// for JPEG and PNG (a WebP original falls back to JPEG). Only widths narrower than the stored copy
/// are offered, and the stored width itself, so nothing is ever upscaled (decision 0280).
/// </summary>
public sealed record ResponsiveImage(string FileName, int Width, int Height, string AltText, string? Credit)
{
    /// <summary>The rendition widths pages may ask for; any other width answers 404.</summary>
    public static readonly IReadOnlyList<int> RenditionWidths = [480, 800, 1200, 1600];

    /// <summary>The width of the image Open Graph and JSON-LD point at (large-image cards want 1200).</summary>
    public const int ShareWidth = 1200;

    /// <summary>The stored file: what "download high resolution" gives.</summary>
    public string Url => MediaFiles.UrlOf(FileName);

    /// <summary>The widths offered: the standard ones below the stored width, and the stored width.</summary>
    public IReadOnlyList<int> Widths => [.. RenditionWidths.Where(w => w < Width), Width];

    /// <summary>The fallback format: JPEG for photos (and WebP originals), PNG for PNG (it may be transparent).</summary>
    public ImageFormat Fallback => FallbackFor(FileName);

    /// <summary>The fallback format of the renditions of a stored file.</summary>
    public static ImageFormat FallbackFor(string fileName) => fileName.EndsWith(".png", StringComparison.Ordinal) ? ImageFormat.Png : ImageFormat.Jpeg;

    public string RenditionUrl(int width, ImageFormat format) => MediaFiles.RenditionUrl(FileName, width, format);

    public string Srcset(ImageFormat format) =>
        string.Join(", ", Widths.Select(w => $"{RenditionUrl(w, format)} {w.ToString(CultureInfo.InvariantCulture)}w"));

    /// <summary>The narrowest offered width of at least <paramref name="width"/> (or the widest there is).</summary>
    public int Nearest(int width) => Widths.FirstOrDefault(w => w >= width, Width);

    /// <summary>The fallback rendition closest above <paramref name="width"/>: the <c>src</c> of an <c>img</c>.</summary>
    public string Src(int width) => RenditionUrl(Nearest(width), Fallback);

    /// <summary>The height at <paramref name="width"/>, the stored aspect ratio kept.</summary>
    public int HeightAt(int width) => Math.Max(1, (int)Math.Round((double)Height * width / Width));

    /// <summary>The JPEG (or PNG) rendition shared with social networks and search engines.</summary>
    public string ShareUrl => Src(ShareWidth);

    public int ShareWidthOffered => Nearest(ShareWidth);

    /// <summary>"2560 × 1440 pixels, JPEG": what the download link says.</summary>
    public string DownloadText =>
        $"{Width.ToString(CultureInfo.InvariantCulture)} × {Height.ToString(CultureInfo.InvariantCulture)} pixels, {FileName[(FileName.LastIndexOf('.') + 1)..].ToUpperInvariant().Replace("JPG", "JPEG", StringComparison.Ordinal)}";
}

/// <summary>
/// How a page shows a <see cref="ResponsiveImage"/> (the <c>_Picture</c> partial): the <c>sizes</c>
/// the layout gives it, the width of the <c>src</c> for browsers without <c>srcset</c>, and whether
/// it is above the fold (loaded at once) or below it (lazy), and whether it is the first screen's largest picture.
/// </summary>
/// <param name="AboveTheFold">May be in the first screen: loaded at once rather than when scrolled to.</param>
/// <param name="Largest">The page's largest picture in its first screen (the lead story, the statement's photo): asked for
/// before other images, with high priority. A list's first card below a profile or a heading is loaded at once but not
/// ahead of the font and the style sheet.</param>
public sealed record PictureView(ResponsiveImage Image, string Sizes, int SrcWidth, bool AboveTheFold, string? CssClass = null, bool Largest = false);
