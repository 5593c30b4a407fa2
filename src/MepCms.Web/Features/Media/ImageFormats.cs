using SkiaSharp;

namespace MepCms.Web.Features.Media;

/// <summary>The three formats we accept, told apart by their first bytes only (never by name or Content-Type).</summary>
public sealed record ImageFormat(string Extension, string ContentType, SKEncodedImageFormat Skia)
{
    public static readonly ImageFormat Jpeg = new("jpg", "image/jpeg", SKEncodedImageFormat.Jpeg);
    public static readonly ImageFormat Png = new("png", "image/png", SKEncodedImageFormat.Png);
    public static readonly ImageFormat Webp = new("webp", "image/webp", SKEncodedImageFormat.Webp);

    public static readonly IReadOnlyList<ImageFormat> All = [Jpeg, Png, Webp];

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the content starts with, or null.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> content)
    {
        if (content is [0xFF, 0xD8, 0xFF, ..])
        {
            return Jpeg;
        }
        if (content.StartsWith(PngSignature))
        {
            return Png;
        }
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }
        return null;
    }

    public static ImageFormat? FromExtension(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.Ordinal));
}
