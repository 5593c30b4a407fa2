using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Features.Media;

/// <summary>The `Media` section: where uploads are kept and how large they may be.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The folder of stored images; a relative path is under the content root.</summary>
    [Required]
    public string Folder { get; set; } = "App_Data/media";

    /// <summary>The largest file accepted (5 MB).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// The most pixels an upload may declare in its header (40 megapixels). Checked before decoding:
    /// a few kilobytes of PNG can declare an image that would take gigabytes to decode.
    /// </summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The longest side an upload may declare.</summary>
    [Range(1, 65_535)]
    public int MaxSide { get; set; } = 12_000;

    /// <summary>The largest PDF document attached to a statement (20 MB).</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long AttachmentMaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The side of a stored MEP photo: the 6rem avatar of the profile page at twice the density.</summary>
    public const int PhotoSide = 192;

    /// <summary>
    /// The widest stored statement image: the high-resolution copy journalists download. Pages show
    /// renditions of it (<see cref="ResponsiveImage"/>). Never upscaled.
    /// </summary>
    public const int ImageMaxWidth = 2560;

    public string FullFolder(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, Folder));

    /// <summary>"5 MB", as the messages say it.</summary>
    public string MaxUploadText => Sizes.Text(MaxUploadBytes);
}

public static class Sizes
{
    public static string Text(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024d * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024d:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
