using System.ComponentModel.DataAnnotations;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Admin.Media;

/// <summary>An upload to the library: the file and what it shows, for readers who cannot see it.</summary>
public sealed class MediaUploadForm
{
    public IFormFile? File { get; set; }

    [Required(ErrorMessage = "Describe the image for readers who cannot see it (alternative text)."), StringLength(MediaItemLimits.AltText)]
    public string? AltText { get; set; }

    [StringLength(MediaItemLimits.Credit)]
    public string? Credit { get; set; }

    [StringLength(MediaItemLimits.Licence)]
    public string? Licence { get; set; }
}

/// <summary>What the library says of a stored image, changed after the upload.</summary>
public sealed class MediaDetailsForm
{
    [Required(ErrorMessage = "Describe the image for readers who cannot see it (alternative text)."), StringLength(MediaItemLimits.AltText)]
    public string? AltText { get; set; }

    [StringLength(MediaItemLimits.Credit)]
    public string? Credit { get; set; }

    [StringLength(MediaItemLimits.Licence)]
    public string? Licence { get; set; }
}

public sealed record MediaRow(int Id, string FileName, MediaKind Kind, int Width, int Height, long Bytes, string AltText, string UploadedByName, DateTime UploadedAt)
{
    public string? Credit { get; init; }
    public string? Licence { get; init; }
    public string? UploadedById { get; init; }
    public string Url => MediaFiles.UrlOf(FileName);
    public string Markdown => MediaMarkdown.Image(AltText, Url);
}

public sealed record MediaLibraryViewModel(PagedList<MediaRow> Items, MediaUploadForm Form, long MaxUploadBytes, string MaxUploadText, bool MayDelete, string? Flash)
{
    /// <summary>The signed-in person: they may edit the details of their own uploads.</summary>
    public string? UserId { get; init; }
}

/// <summary>What the statement editor's picker lists and inserts.</summary>
public sealed record MediaChoice(string Url, string AltText, int Width, int Height, string Markdown);

public static class MediaMarkdown
{
    /// <summary>`![alt](/media/…)`, with the characters that would end the alt text early escaped.</summary>
    public static string Image(string altText, string url) =>
        $"![{altText.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]").ReplaceLineEndings(" ")}]({url})";
}
