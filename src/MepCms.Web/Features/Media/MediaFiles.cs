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

    public static string UrlOf(string fileName) => UrlPrefix + fileName;

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

    /// <summary>Writes <paramref name="name"/> in <paramref name="folder"/> under a temporary name first, then moves it into place.</summary>
    public static async Task WriteAsync(string folder, string name, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{name}.tmp");
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name));
    }

    public void Delete(string name)
    {
        if (NamePattern().IsMatch(name))
        {
            File.Delete(Path.Combine(Folder, name));
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
