using System.Text;
using System.Xml;
using System.Xml.Linq;
using SkiaSharp;

namespace MepCms.Web.Features.Settings;

/// <summary>A logo ready to store, or why the upload was refused.</summary>
public sealed record LogoUpload(byte[]? Content, string? ContentType, string? Error);

/// <summary>
/// The office's logo: an SVG rebuilt from an allow-list of drawing elements and attributes (no
/// script, no event handler, no external reference, no style sheet, no DTD), or a PNG decoded and
/// encoded again (metadata gone, at most <see cref="MaxSide"/> pixels a side). Served from the site
/// itself as an image, so even a missed trick could not run (decision 0250).
/// </summary>
public static class Logo
{
    public const int MaxSide = 512;
    public const string Svg = "image/svg+xml";
    public const string Png = "image/png";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XlinkNs = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> Elements =
    [
        "svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "text", "tspan", "title", "desc",
        "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "use", "symbol",
    ];

    private static readonly HashSet<string> Attributes =
    [
        "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
        "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "transform", "offset", "stop-color", "stop-opacity",
        "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "clip-path", "mask", "font-family", "font-size", "font-weight",
        "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "preserveAspectRatio", "role", "aria-label", "aria-hidden",
        "version", "href",
    ];

    public static LogoUpload Read(byte[] content)
    {
        if (content.Length == 0)
        {
            return new(null, null, "The logo file is empty.");
        }
        if (content.Length > SiteSettingsLimits.LogoBytes)
        {
            return new(null, null, $"The logo may be at most {SiteSettingsLimits.LogoBytes / 1024} KB.");
        }
        if (content.AsSpan().StartsWith(PngSignature))
        {
            return ReadPng(content);
        }
        return SanitiseSvg(content) is { } svg
            ? new(svg, Svg, null)
            : new(null, null, "The logo must be an SVG drawing or a PNG image.");
    }

    /// <summary>The SVG rebuilt from what is allowed, or null when it is not an SVG we can read.</summary>
    public static byte[]? SanitiseSvg(byte[] content)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = SiteSettingsLimits.LogoBytes * 2 };
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        if (document.Root is not { } root || root.Name != SvgNs + "svg")
        {
            return null;
        }
        var clean = Clean(root);
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            clean.Save(writer);
        }
        return output.ToArray();
    }

    private static XElement Clean(XElement element)
    {
        var clean = new XElement(SvgNs + element.Name.LocalName);
        foreach (var attribute in element.Attributes())
        {
            var name = attribute.Name;
            var local = name.LocalName;
            if (attribute.IsNamespaceDeclaration || !Attributes.Contains(local) || (name.Namespace != XNamespace.None && name.Namespace != XlinkNs))
            {
                continue;
            }
            if (local == "href" && !attribute.Value.StartsWith('#'))
            {
                continue; // only a reference inside the drawing itself
            }
            if (attribute.Value.Contains("url(", StringComparison.OrdinalIgnoreCase) && !attribute.Value.Trim().StartsWith("url(#", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            clean.SetAttributeValue(local == "href" ? "href" : name, attribute.Value);
        }
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child when child.Name.Namespace == SvgNs && Elements.Contains(child.Name.LocalName):
                    clean.Add(Clean(child));
                    break;
                case XText text when element.Name.LocalName is "text" or "tspan" or "title" or "desc":
                    clean.Add(new XText(text.Value));
                    break;
            }
        }
        return clean;
    }

    private static LogoUpload ReadPng(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png || codec.Info.Width is <= 0 or > 8_000 || codec.Info.Height is <= 0 or > 8_000)
        {
            return new(null, null, "The PNG logo could not be read.");
        }
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return new(null, null, "The PNG logo could not be read.");
        }
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(decoded.Width, decoded.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(decoded.Width * scale)), Math.Max(1, (int)Math.Round(decoded.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = decoded.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? decoded.Copy();
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return new(encoded.ToArray(), Png, null);
    }
}
