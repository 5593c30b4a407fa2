using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Media;

/// <summary>The outcome of an upload: the stored item, or a message for the uploader.</summary>
public sealed record MediaUpload(MediaItem? Item, string? Error);

/// <summary>
/// Adds uploads to the library and removes them: the file and its row are stored together or not
/// at all, and every change is in the audit trail.
/// </summary>
public sealed class MediaLibrary(MepCmsDbContext db, ImageProcessor processor, MediaFiles files, IOptions<MediaOptions> options, TimeProvider clock, ILogger<MediaLibrary> logger)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<MediaUpload> AddAsync(IFormFile? file, MediaKind kind, string? altText, ClaimsPrincipal user, CancellationToken cancellationToken,
        string? credit = null, string? licence = null)
    {
        if (file is null)
        {
            return new MediaUpload(null, "Choose an image file to upload.");
        }
        var content = await ReadAsync(file, cancellationToken);
        if (content is null)
        {
            return new MediaUpload(null, $"The file is {Sizes.Text(file.Length)}; images may be at most {options.Value.MaxUploadText}. Please choose a smaller file.");
        }
        var processing = await processor.ProcessAsync(content, kind, cancellationToken);
        if (processing.Image is not { } image)
        {
            logger.LogInformation("Refused an upload of {Bytes} bytes: {Reason}", content.Length, processing.Error);
            return new MediaUpload(null, processing.Error);
        }
        // One save for the row and its audit entry (named by file, which is known before the insert).
        var item = await StageAsync(image, kind, altText ?? "", credit, licence, user.Id(), user.Identity?.Name ?? "", cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            Discard(item);
            throw;
        }
        return new MediaUpload(item, null);
    }

    /// <summary>
    /// Adds an image already through <see cref="ImageProcessor"/> inside the caller's unit of work: the row
    /// and its audit entry are saved with the caller's next save; the file is written now, and the caller
    /// deletes it with <see cref="Discard"/> when that save does not happen (the import's rollback).
    /// </summary>
    public async Task<MediaItem> StageAsync(ProcessedImage image, MediaKind kind, string altText, string? credit, string? licence,
        string? userId, string userName, CancellationToken cancellationToken)
    {
        var item = new MediaItem
        {
            FileName = MediaFiles.NewName(image.Format), Kind = kind, Width = image.Width, Height = image.Height,
            Bytes = image.Content.Length, ContentType = image.Format.ContentType, AltText = altText.Trim(),
            Credit = Blank(credit), Licence = Blank(licence),
            UploadedById = userId, UploadedByName = userName, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await files.WriteAsync(item.FileName, image.Content, cancellationToken);
        db.Media.Add(item);
        db.Record(userId, userName, item.UploadedAt, AuditActions.MediaUploaded, "Media", item.FileName, $"{kind}, {item.Width}×{item.Height}, {item.Bytes} bytes: {item.AltText}");
        return item;
    }

    /// <summary>Deletes the file of an image staged by <see cref="StageAsync"/> whose row was never saved.</summary>
    public void Discard(MediaItem item) => files.Delete(item.FileName);

    /// <summary>Deletes the file of an image whose row the caller removed and saved.</summary>
    public void DeleteFile(string fileName) => files.Delete(fileName);

    /// <summary>
    /// After an MEP's photo was replaced or removed: the old photo leaves the library too, unless
    /// something else still shows it. Any other URL (an image of the library, an external address) is left alone.
    /// </summary>
    public async Task ReleasePhotoAsync(string? url, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (MediaFiles.NameInUrl(url) is not { } name
            || await db.Media.FirstOrDefaultAsync(m => m.FileName == name && m.Kind == MediaKind.Photo, cancellationToken) is not { } item
            || await db.Authors.AnyAsync(a => a.PhotoPath == url, cancellationToken))
        {
            return;
        }
        await DeleteAsync(item, user, cancellationToken);
    }

    /// <summary>Removes the row and the file; the row first, so a failure leaves at worst an unlisted file, never a listed missing one.</summary>
    public async Task DeleteAsync(MediaItem item, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        db.Media.Remove(item);
        db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.MediaDeleted, "Media", item.FileName, $"{item.Kind}: {item.AltText}");
        await db.SaveChangesAsync(cancellationToken);
        files.Delete(item.FileName);
    }

    /// <summary>Changes what the library says of an image: its alternative text, credit and licence.</summary>
    public async Task UpdateDetailsAsync(MediaItem item, string altText, string? credit, string? licence, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        (item.AltText, item.Credit, item.Licence) = (altText.Trim(), Blank(credit), Blank(licence));
        db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.MediaEdited, "Media", item.FileName,
            $"{item.AltText}; credit: {MediaItem.CreditLine(item.Credit, item.Licence) ?? "none"}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Blank(string? text) => MediaItem.CleanLine(text);

    /// <summary>The upload's bytes, or null when it is larger than the limit (read no further than that).</summary>
    private async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > options.Value.MaxUploadBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.Length > options.Value.MaxUploadBytes ? null : buffer.ToArray();
    }
}
