using Microsoft.Extensions.Options;
using SkiaSharp;

namespace MepCms.Web.Features.Media;

/// <summary>A re-encoded image ready to store: new bytes from decoded pixels, so nothing of the upload survives but its picture.</summary>
public sealed record ProcessedImage(byte[] Content, ImageFormat Format, int Width, int Height);

/// <summary>The outcome of processing: an image, or a message for the person who uploaded the file.</summary>
public sealed record ImageProcessing(ProcessedImage? Image, string? Error)
{
    public static ImageProcessing Refused(string error) => new(null, error);
}

/// <summary>
/// Checks an upload by its content and turns it into the image the site serves: format by magic
/// bytes, dimensions from the header before any pixel is decoded, then decoded (at a reduced scale
/// where the codec allows), turned upright by its EXIF orientation, cropped or resized, and
/// encoded again without metadata. Decoding is gated so a burst of uploads cannot exhaust memory.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options)
{
    public const string Unreadable = "The file is not a JPEG, PNG or WebP image we can read. Please upload a photo or picture in one of those formats.";

    private static readonly SemaphoreSlim Gate = new(2);

    public async Task<ImageProcessing> ProcessAsync(byte[] content, MediaKind kind, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (content.Length == 0)
        {
            return ImageProcessing.Refused("The file is empty. Please choose an image.");
        }
        if (content.Length > limits.MaxUploadBytes)
        {
            return ImageProcessing.Refused($"The file is {Sizes.Text(content.Length)}; images may be at most {limits.MaxUploadText}. Please choose a smaller file.");
        }
        if (ImageFormat.Sniff(content) is not { } format)
        {
            return ImageProcessing.Refused(Unreadable);
        }
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return Process(content, format, kind, limits);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A stored image drawn again <paramref name="width"/> pixels wide in <paramref name="format"/>
    /// (a transparent one on white for JPEG), or null when the stored image is narrower than that or
    /// cannot be read. Stored images were checked and re-encoded on upload; this only scales them down.
    /// </summary>
    public async Task<byte[]?> RenditionAsync(byte[] stored, int width, ImageFormat format, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            using var data = SKData.CreateCopy(stored);
            using var codec = SKCodec.Create(data);
            if (codec is null || width > codec.Info.Width)
            {
                return null;
            }
            var target = new SKSizeI(width, Math.Max(1, (int)Math.Round((double)codec.Info.Height * width / codec.Info.Width)));
            using var decoded = Decode(codec, (float)width / codec.Info.Width);
            if (decoded is null)
            {
                return null;
            }
            var opaque = format == ImageFormat.Jpeg;
            using var output = new SKBitmap(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul));
            using (var canvas = new SKCanvas(output))
            using (var image = SKImage.FromBitmap(decoded))
            {
                canvas.Clear(opaque ? SKColors.White : SKColors.Transparent);
                canvas.DrawImage(image, SKRect.Create(target.Width, target.Height), new SKSamplingOptions(SKCubicResampler.Mitchell), null);
            }
            using var pixmap = output.PeekPixels();
            // A rendition is only ever shown, never downloaded to print: a little more compression than the stored copy.
            using var encoded = format == ImageFormat.Jpeg ? pixmap.Encode(new SKJpegEncoderOptions(80, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                : format == ImageFormat.Webp ? pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 75))
                : Encode(pixmap, format);
            return encoded?.ToArray();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static ImageProcessing Process(byte[] content, ImageFormat format, MediaKind kind, MediaOptions limits)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        // The codec must read the same format the first bytes claim: a JPEG signature before HTML is refused here.
        if (codec is null || codec.EncodedFormat != format.Skia || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return ImageProcessing.Refused(Unreadable);
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > limits.MaxPixels || Math.Max(width, height) > limits.MaxSide)
        {
            return ImageProcessing.Refused($"The image is {width} × {height} pixels; images may have at most {limits.MaxPixels / 1_000_000} megapixels and {limits.MaxSide} pixels on a side. Please make it smaller first.");
        }
        var origin = codec.EncodedOrigin;
        var upright = Swaps(origin) ? (W: height, H: width) : (W: width, H: height);
        var (crop, target) = Geometry(kind, upright.W, upright.H);
        using var decoded = Decode(codec, (float)target.Width / crop.Width);
        if (decoded is null)
        {
            return ImageProcessing.Refused(Unreadable);
        }
        // Geometry was worked out at full size; the codec may have decoded at a reduced scale.
        var scale = (float)decoded.Width / width;
        var matrix = SKMatrix.CreateScale(target.Width / (crop.Width * scale), target.Height / (crop.Height * scale))
            .PreConcat(SKMatrix.CreateTranslation(-crop.Left * scale, -crop.Top * scale))
            .PreConcat(Orientation(origin, decoded.Width, decoded.Height));
        var opaque = format == ImageFormat.Jpeg;
        // No colour space on the output: the encoder then writes no ICC profile either.
        using var output = new SKBitmap(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul));
        using (var canvas = new SKCanvas(output))
        using (var image = SKImage.FromBitmap(decoded))
        {
            canvas.Clear(opaque ? SKColors.White : SKColors.Transparent);
            canvas.SetMatrix(matrix);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
        }
        using var pixmap = output.PeekPixels();
        using var encoded = Encode(pixmap, format);
        return encoded is null
            ? ImageProcessing.Refused(Unreadable)
            : new ImageProcessing(new ProcessedImage(encoded.ToArray(), format, target.Width, target.Height), null);
    }

    /// <summary>The part of the upright image to keep, and the size it is stored at (never larger than the original).</summary>
    internal static (SKRectI Crop, SKSizeI Target) Geometry(MediaKind kind, int width, int height)
    {
        if (kind == MediaKind.Photo)
        {
            // A centred square; for a portrait, a little above the middle, where faces are.
            var side = Math.Min(width, height);
            var left = (width - side) / 2;
            var top = (height - side) / 4;
            var stored = Math.Min(side, MediaOptions.PhotoSide);
            return (SKRectI.Create(left, top, side, side), new SKSizeI(stored, stored));
        }
        var targetWidth = Math.Min(width, MediaOptions.ImageMaxWidth);
        var targetHeight = Math.Max(1, (int)Math.Round((double)height * targetWidth / width));
        return (SKRectI.Create(0, 0, width, height), new SKSizeI(targetWidth, targetHeight));
    }

    /// <summary>
    /// Decodes as sRGB at the smallest scale the codec supports that still covers the target
    /// (JPEG decodes at 1/2, 1/4 or 1/8 for free), or at full size. Null when the data is damaged.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, float desiredScale)
    {
        var size = codec.GetScaledDimensions(Math.Min(1f, desiredScale));
        if (size.Width < codec.Info.Width * desiredScale || size.Height < codec.Info.Height * desiredScale)
        {
            size = codec.Info.Size;
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success && size != codec.Info.Size)
        {
            // Not every codec scales every size: fall back to the full size.
            bitmap.Dispose();
            info = info.WithSize(codec.Info.Width, codec.Info.Height);
            bitmap = new SKBitmap(info);
            result = codec.GetPixels(info, bitmap.GetPixels());
        }
        if (result == SKCodecResult.Success)
        {
            return bitmap;
        }
        bitmap.Dispose();
        return null;
    }

    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Maps stored pixels (w × h) to the upright picture, per the EXIF orientation tag.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static SKData? Encode(SKPixmap pixmap, ImageFormat format)
    {
        if (format == ImageFormat.Jpeg)
        {
            return pixmap.Encode(new SKJpegEncoderOptions(85, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        }
        if (format == ImageFormat.Webp)
        {
            return pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 82));
        }
        return pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9));
    }
}
