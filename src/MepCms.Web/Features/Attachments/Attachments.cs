using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Attachments;

/// <summary>Adds, renames, orders and removes a statement's documents: file and row together, audited, the statement's pages evicted.</summary>
public sealed class Attachments(MepCmsDbContext db, AttachmentFiles files, PublicationEvents events, IOptions<MediaOptions> options, TimeProvider clock)
{
    public const string NoTitle = "Say what the document is (its title), e.g. “Signed letter to the Commission”.";

    public long MaxBytes => options.Value.AttachmentMaxBytes;

    /// <summary>Null when it was added; otherwise the message for the person who uploaded it.</summary>
    public async Task<string?> AddAsync(int articleId, string title, IFormFile? file, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        title = TextInput.CleanLine(title);
        if (title.Length == 0)
        {
            return NoTitle;
        }
        if (file is null || file.Length == 0)
        {
            return "Choose the PDF file to attach.";
        }
        if (file.Length > MaxBytes)
        {
            return $"The file is {Sizes.Text(file.Length)}; documents may be at most {Sizes.Text(MaxBytes)}.";
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var report = PdfCheck.Inspect(content);
        if (report.Problem is { } problem)
        {
            return problem;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var attachment = new ArticleAttachment
        {
            ArticleId = articleId, Title = title, FileName = AttachmentFiles.NewName(), DownloadName = AttachmentFiles.DownloadNameFor(title),
            Bytes = content.Length, PageCount = report.Pages, UploadedAt = now, UploadedById = user.Id(), UploadedByName = user.Identity?.Name ?? "",
            Position = (await db.ArticleAttachments.Where(a => a.ArticleId == articleId).MaxAsync(a => (int?)a.Position, cancellationToken) ?? -1) + 1,
        };
        await files.WriteAsync(attachment.FileName, content, cancellationToken);
        try
        {
            db.ArticleAttachments.Add(attachment);
            db.Record(user, now, AuditActions.ArticleAttachmentAdded, "Article", articleId, $"Attached \"{attachment.Title}\" ({Sizes.Text(attachment.Bytes)})");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(attachment.FileName);
            throw;
        }
        await ChangedAsync(articleId, cancellationToken);
        return null;
    }

    /// <summary>Null when it was renamed; otherwise the message.</summary>
    public async Task<string?> RenameAsync(ArticleAttachment attachment, string title, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var before = attachment.Title;
        title = TextInput.CleanLine(title);
        if (title.Length == 0)
        {
            return NoTitle;
        }
        (attachment.Title, attachment.DownloadName) = (title, AttachmentFiles.DownloadNameFor(title));
        db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleAttachmentChanged, "Article", attachment.ArticleId, $"Document \"{before}\" renamed \"{attachment.Title}\"");
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(attachment.ArticleId, cancellationToken);
        return null;
    }

    /// <summary>Swaps the document with its neighbour above (-1) or below (+1); false at either end.</summary>
    public async Task<bool> MoveAsync(ArticleAttachment attachment, int direction, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var all = await db.ArticleAttachments.Where(a => a.ArticleId == attachment.ArticleId).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var index = all.FindIndex(a => a.Id == attachment.Id);
        var other = index + direction;
        if (other < 0 || other >= all.Count)
        {
            return false;
        }
        (all[index], all[other]) = (all[other], all[index]);
        for (var i = 0; i < all.Count; i++)
        {
            all[i].Position = i;
        }
        db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleAttachmentChanged, "Article", attachment.ArticleId,
            $"Document \"{attachment.Title}\" moved {(direction < 0 ? "up" : "down")}");
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(attachment.ArticleId, cancellationToken);
        return true;
    }

    /// <summary>The row first, then the file: a failure leaves at worst an unlisted file, never a listed missing one.</summary>
    public async Task RemoveAsync(ArticleAttachment attachment, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        db.ArticleAttachments.Remove(attachment);
        db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleAttachmentRemoved, "Article", attachment.ArticleId, $"Document \"{attachment.Title}\" removed");
        await db.SaveChangesAsync(cancellationToken);
        files.Delete(attachment.FileName);
        await ChangedAsync(attachment.ArticleId, cancellationToken);
    }

    private Task ChangedAsync(int articleId, CancellationToken cancellationToken) =>
        events.RaiseAsync(new PublicationChanged(articleId, PublicationChange.Edited), cancellationToken);
}
