using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Features.Attachments;

/// <summary>
/// Serves a statement's documents from the site itself, only while the statement is public: as a
/// download (Content-Disposition: attachment, its own name), sandboxed, never sniffed.
/// </summary>
public sealed class AttachmentsController(MepCmsDbContext db, AttachmentFiles files, TimeProvider clock) : Controller
{
    [HttpGet("/attachments/{id:int:min(1)}/{name}")]
    public async Task<IActionResult> Download(int id, string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attachment = await db.ArticleAttachments.AsNoTracking()
            .Where(a => a.Id == id && db.Articles.VisibleAt(now).Any(x => x.Id == a.ArticleId))
            .Select(a => new { a.FileName, a.DownloadName }).FirstOrDefaultAsync(cancellationToken);
        if (attachment is null || files.PathOf(attachment.FileName) is not { } path)
        {
            return NotFound();
        }
        if (name != attachment.DownloadName)
        {
            return RedirectPermanent($"/attachments/{id}/{attachment.DownloadName}");
        }
        return Serve(Response, path, attachment.DownloadName, "public, max-age=300");
    }

    /// <summary>A PDF as a download that nothing may run: the same headers for the public and for staff.</summary>
    internal static IActionResult Serve(HttpResponse response, string path, string downloadName, string cacheControl)
    {
        response.Headers[HeaderNames.CacheControl] = cacheControl;
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(downloadName);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return new PhysicalFileResult(path, "application/pdf") { EnableRangeProcessing = true };
    }
}
