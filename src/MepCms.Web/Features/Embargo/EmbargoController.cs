using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Attachments;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Embargo;

/// <summary>
/// What a journalist sees through an embargo link: the statement before it is public, read-only.
/// Either a link handed out by an editor (`token`: signed, expiring) or a journalist's personal
/// link from a press mail (`link`: revocable, its first opening recorded). The token travels in the
/// query string, which the request log never records.
/// </summary>
public sealed class EmbargoController(MepCmsDbContext db, EmbargoLinks links, PressTokens pressTokens, PressSending press, AttachmentFiles files, TimeProvider clock, SiteLanguages languages) : Controller
{
    [HttpGet("/embargo")]
    public async Task<IActionResult> Show([FromQuery] string? token, [FromQuery] string? link, CancellationToken cancellationToken)
    {
        Private();
        var note = SiteText.Get("EmbargoNote");
        int id;
        if (link is not null)
        {
            // A HEAD (a link checker) is no opening.
            if (pressTokens.ReadLink(link) is not { } personal
                || await press.OpenAsync(personal, count: HttpMethods.IsGet(Request.Method), cancellationToken) is not { } recipient)
            {
                return NotFound();
            }
            id = recipient.ArticleId;
            note = SiteText.Format("EmbargoNotePersonal", recipient.Name + (recipient.Outlet.Length > 0 ? $" ({recipient.Outlet})" : ""));
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.Articles.VisibleAt(now).Where(a => a.Id == id).Select(a => new { a.Slug, a.Language }).FirstOrDefaultAsync(cancellationToken) is { } live)
            {
                // The embargo is over: the public page, where readers rate it.
                return LocalRedirect(languages.PathIn(live.Language, "/articles/" + live.Slug));
            }
        }
        else if (links.Read(token) is { } signed)
        {
            id = signed;
        }
        else
        {
            return NotFound();
        }
        var withdrawn = ArticleStatus.Unpublished;
        var articles = db.Articles.AsNoTracking().Where(a => a.Id == id && a.Status != withdrawn);
        var language = await articles.Select(a => a.Language).FirstOrDefaultAsync(cancellationToken) ?? "";
        // The statement's own language: its page under embargo reads as it will once public.
        HttpContext.UseLanguage(language);
        var article = await articles.ToPage(db.Media, db.ArticleAttachments, language).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        var publishAt = await articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.PublishAt).FirstOrDefaultAsync(cancellationToken);
        // Its documents through the same link: their public address answers only once the statement is public.
        var access = link is not null ? "link=" + Uri.EscapeDataString(link) : "token=" + Uri.EscapeDataString(token!);
        article.Documents = [.. article.Documents.Select(d => d with { Href = $"/embargo/attachments/{d.Id}?{access}" })];
        var until = publishAt is { } at ? SiteText.Format("EmbargoedUntil", BrusselsTime.DateTimeForReaders(at)) : SiteText.Get("EmbargoedUntilFurtherNotice");
        return View("/Features/Articles/Marked.cshtml", new MarkedArticleViewModel(article, until, note));
    }

    /// <summary>A document of the statement, for whoever holds a valid link to it (not counted as an opening).</summary>
    [HttpGet("/embargo/attachments/{attachmentId:int:min(1)}")]
    public async Task<IActionResult> Document(int attachmentId, [FromQuery] string? token, [FromQuery] string? link, CancellationToken cancellationToken)
    {
        Private();
        int? id = link is not null
            ? pressTokens.ReadLink(link) is { } personal && await press.OpenAsync(personal, count: false, cancellationToken) is { } recipient ? recipient.ArticleId : null
            : links.Read(token);
        var withdrawn = ArticleStatus.Unpublished;
        var attachment = id is null ? null : await db.ArticleAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ArticleId == id && a.Article.Status != withdrawn)
            .Select(a => new { a.FileName, a.DownloadName, a.UploadedAt }).FirstOrDefaultAsync(cancellationToken);
        return attachment is not null && files.PathOf(attachment.FileName) is { } path
            ? AttachmentsController.Serve(Response, path, attachment.FileName, attachment.DownloadName, attachment.UploadedAt, "no-store")
            : NotFound();
    }

    /// <summary>Never kept, never indexed, and the link never sent on as a referrer.</summary>
    private void Private()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
