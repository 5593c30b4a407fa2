using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Features.Attachments;

/// <summary>
/// Serves a statement's documents from the site itself, only while the statement is public: as a
/// download (Content-Disposition: attachment, its own name), sandboxed, never sniffed. The stored
/// file never changes under its generated name, which is its ETag; browsers keep it five minutes,
/// then ask again, so a statement taken off the site takes its documents with it.
/// </summary>
public sealed class AttachmentsController(MepCmsDbContext db, AttachmentFiles files, TimeProvider clock) : Controller
{
    public const string PublicCacheControl = "public, max-age=300";

    [HttpGet("/attachments/{id:int:min(1)}/{name}")]
    public async Task<IActionResult> Download(int id, string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attachment = await db.ArticleAttachments.AsNoTracking()
            .Where(a => a.Id == id && db.Articles.VisibleAt(now).Any(x => x.Id == a.ArticleId))
            .Select(a => new { a.FileName, a.DownloadName, a.UploadedAt }).FirstOrDefaultAsync(cancellationToken);
        if (attachment is null || files.PathOf(attachment.FileName) is not { } path)
        {
            return NotFound();
        }
        if (name != attachment.DownloadName)
        {
            // Not permanent: a title renamed back and forth must not leave browsers a redirect loop.
            return Redirect($"/attachments/{id}/{attachment.DownloadName}");
        }
        return Serve(Response, path, attachment.FileName, attachment.DownloadName, attachment.UploadedAt, PublicCacheControl);
    }

    /// <summary>A PDF as a download that nothing may run: the same headers for the public, journalists under embargo and staff.</summary>
    internal static IActionResult Serve(HttpResponse response, string path, string fileName, string downloadName, DateTime uploadedAt, string cacheControl)
    {
        response.Headers[HeaderNames.CacheControl] = cacheControl;
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(downloadName);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return new PhysicalFileResult(path, "application/pdf")
        {
            EnableRangeProcessing = true,
            EntityTag = new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(fileName)}\""),
            LastModified = new DateTimeOffset(DateTime.SpecifyKind(uploadedAt, DateTimeKind.Utc)),
        };
    }
}
