using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Media;

/// <summary>
/// The folder of stored images. Names are generated here (128 random bits, hex, and the format's
/// extension) and a requested name must match that shape exactly, so no path from outside ever
/// reaches the file system.
/// </summary>
public sealed partial class MediaFiles(IOptions<MediaOptions> options, IWebHostEnvironment environment)
{
    public const string UrlPrefix = "/media/";

    public string Folder { get; } = options.Value.FullFolder(environment.ContentRootPath);

    /// <summary>Where renditions are kept once drawn; they can be deleted at any time and are drawn again.</summary>
    public string RenditionFolder => Path.Combine(Folder, "renditions");

    public static string UrlOf(string fileName) => UrlPrefix + fileName;

    /// <summary>"/media/{name}-{width}.{ext}": a rendition of a stored image at that width and in that format.</summary>
    public static string RenditionUrl(string fileName, int width, ImageFormat format) =>
        $"{UrlPrefix}{fileName[..fileName.IndexOf('.')]}-{width.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{format.Extension}";

    /// <summary>
    /// A requested rendition's parts: the stored image it is drawn from, its width and format; null
    /// when the name is not one of ours or the stored image does not exist.
    /// </summary>
    public (string Original, string OriginalPath, int Width, ImageFormat Format, string Path)? FindRendition(string name)
    {
        var match = RenditionPattern().Match(name);
        if (!match.Success || ImageFormat.FromExtension(match.Groups[3].Value) is not { } format
            || !int.TryParse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var width))
        {
            return null;
        }
        foreach (var original in ImageFormat.All.Select(f => $"{match.Groups[1].Value}.{f.Extension}"))
        {
            var path = Path.Combine(Folder, original);
            if (File.Exists(path))
            {
                return (original, path, width, format, Path.Combine(RenditionFolder, name));
            }
        }
        return null;
    }

    public static string NewName(ImageFormat format) => $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.{format.Extension}";

    /// <summary>The stored file and its format for a requested name, or null when the name is not one we generate or no such file exists.</summary>
    public (string Path, ImageFormat Format)? Find(string name)
    {
        if (!NamePattern().IsMatch(name) || ImageFormat.FromExtension(name[(name.IndexOf('.') + 1)..]) is not { } format)
        {
            return null;
        }
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? (path, format) : null;
    }

    /// <summary>The file name in a served URL ("/media/ab…cd.jpg"), or null for any other URL.</summary>
    public static string? NameInUrl(string? url) =>
        url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal) && NamePattern().IsMatch(url[UrlPrefix.Length..])
            ? url[UrlPrefix.Length..]
            : null;

    /// <summary>Writes the file under a temporary name first, so a reader never sees half of it.</summary>
    public Task WriteAsync(string name, byte[] content, CancellationToken cancellationToken) => WriteAsync(Folder, name, content, cancellationToken);

    /// <summary>
    /// Writes <paramref name="name"/> in <paramref name="folder"/> under a temporary name of its own
    /// first (two writers never share one), then moves it into place.
    /// </summary>
    public static async Task WriteAsync(string folder, string name, byte[] content, CancellationToken cancellationToken, bool replace = false)
    {
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, Path.Combine(folder, name), replace);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes a stored image and every rendition drawn from it.</summary>
    public void Delete(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            return;
        }
        File.Delete(Path.Combine(Folder, name));
        if (Directory.Exists(RenditionFolder))
        {
            foreach (var rendition in Directory.EnumerateFiles(RenditionFolder, $"{name[..name.IndexOf('.')]}-*"))
            {
                File.Delete(rendition);
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([0-9a-f]{32})-([1-9][0-9]{1,3})\\.(jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex RenditionPattern();
}
