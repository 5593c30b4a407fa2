using System.Collections.Concurrent;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Draws the renditions pages ask for (<see cref="ResponsiveImage"/>) the first time one is asked
/// for, and keeps it beside the stored images, so every later request is a file read. Only the
/// widths and formats pages offer are drawn: any other name answers 404, so no request can make the
/// server draw arbitrary sizes. One drawing per rendition however many requests wait for it
/// (decision 0280).
/// </summary>
public sealed class MediaRenditions(MediaFiles files, ImageProcessor processor, ILogger<MediaRenditions> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> drawing = new(StringComparer.Ordinal);

    /// <summary>The rendition's file and format, drawn now if it was not yet; null when there is no such rendition.</summary>
    public async Task<(string Path, ImageFormat Format)?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (files.FindRendition(name) is not var (original, originalPath, width, format, path))
        {
            return null;
        }
        if (File.Exists(path))
        {
            return (path, format);
        }
        if (format != ImageFormat.Webp && format != ResponsiveImage.FallbackFor(original))
        {
            return null;
        }
        var task = drawing.GetOrAdd(name, _ => new Lazy<Task<bool>>(() => DrawAsync(originalPath, width, name, format))).Value;
        try
        {
            return await task.WaitAsync(cancellationToken) ? (path, format) : null;
        }
        finally
        {
            if (task.IsCompleted)
            {
                drawing.TryRemove(name, out _);
            }
        }
    }

    private async Task<bool> DrawAsync(string originalPath, int width, string name, ImageFormat format)
    {
        // Not the request's token: others may be waiting for the same drawing.
        if (!IsOffered(originalPath, width))
        {
            return false;
        }
        var stored = await File.ReadAllBytesAsync(originalPath);
        var content = await processor.RenditionAsync(stored, width, format, CancellationToken.None);
        if (content is null)
        {
            logger.LogWarning("Could not draw the rendition {Name}", name);
            return false;
        }
        await MediaFiles.WriteAsync(files.RenditionFolder, name, content, CancellationToken.None, replace: true);
        return true;
    }

    /// <summary>A width pages offer for this image: a standard width below its own, or its own.</summary>
    private static bool IsOffered(string originalPath, int width)
    {
        // The header only: a width nobody offers costs no decoding.
        using var codec = SkiaSharp.SKCodec.Create(originalPath);
        return codec is not null && (width == codec.Info.Width || (width < codec.Info.Width && ResponsiveImage.RenditionWidths.Contains(width)));
    }
}
