using System.ComponentModel.DataAnnotations;
using MepCms.Web.Data;
using MepCms.Web.Features.Attachments;
using MepCms.Web.Features.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Attachments;

public sealed class AttachmentForm
{
    [Required(ErrorMessage = Features.Attachments.Attachments.NoTitle)]
    [StringLength(ArticleAttachment.TitleLength, ErrorMessage = "The title may be at most {1} characters long.")]
    public string? Title { get; set; }
    public IFormFile? File { get; set; }
}

/// <summary>A document as the statement's attachments panel lists it: who attached it, and when.</summary>
public sealed record AttachmentRow(AttachmentLink Link, string UploadedByName, DateTime UploadedAt);

/// <summary>
/// A statement's PDF documents in the back office: whoever may edit the statement attaches, renames,
/// orders and removes them, and downloads them before the statement is public.
/// </summary>
[Route("admin/articles/{id:int:min(1)}/attachments")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class AttachmentsController(MepCmsDbContext db, Features.Attachments.Attachments attachments, AttachmentFiles files, IAuthorizationService authorization)
    : AdminController
{
    [HttpPost, UploadLimit(Document = true, ReturnPath = "/admin/articles/{id}/edit#attachments")]
    public async Task<IActionResult> Add(int id, AttachmentForm form, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var problem = ModelState.IsValid ? await attachments.AddAsync(id, form.Title!, form.File, User, cancellationToken) : Problems();
        Flash(problem is null ? $"“{Infrastructure.Security.TextInput.CleanLine(form.Title!)}” was attached." : "The document was not attached: " + problem, Panel);
        return Back(id);
    }

    [HttpGet("{attachmentId:int:min(1)}")]
    public async Task<IActionResult> Download(int id, int attachmentId, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        return await FindAsync(id, attachmentId, cancellationToken) is { } attachment && files.PathOf(attachment.FileName) is { } path
            ? Features.Attachments.AttachmentsController.Serve(Response, path, attachment.FileName, attachment.DownloadName, attachment.UploadedAt, "no-store")
            : NotFound();
    }

    [HttpPost("{attachmentId:int:min(1)}/rename")]
    public async Task<IActionResult> Rename(int id, int attachmentId, AttachmentForm form, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await FindAsync(id, attachmentId, cancellationToken) is not { } attachment)
        {
            return NotFound();
        }
        var problem = ModelState.IsValid ? await attachments.RenameAsync(attachment, form.Title!, User, cancellationToken) : Problems();
        Flash(problem is null ? "The document was renamed." : "The document was not renamed: " + problem, Panel);
        return Back(id);
    }

    [HttpPost("{attachmentId:int:min(1)}/up")]
    public Task<IActionResult> Up(int id, int attachmentId, CancellationToken cancellationToken) => MoveAsync(id, attachmentId, -1, cancellationToken);

    [HttpPost("{attachmentId:int:min(1)}/down")]
    public Task<IActionResult> Down(int id, int attachmentId, CancellationToken cancellationToken) => MoveAsync(id, attachmentId, +1, cancellationToken);

    [HttpPost("{attachmentId:int:min(1)}/remove")]
    public async Task<IActionResult> Remove(int id, int attachmentId, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await FindAsync(id, attachmentId, cancellationToken) is not { } attachment)
        {
            return NotFound();
        }
        await attachments.RemoveAsync(attachment, User, cancellationToken);
        Flash($"“{attachment.Title}” was removed.", Panel);
        return Back(id);
    }

    private async Task<IActionResult> MoveAsync(int id, int attachmentId, int direction, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await FindAsync(id, attachmentId, cancellationToken) is not { } attachment)
        {
            return NotFound();
        }
        Flash(await attachments.MoveAsync(attachment, direction, User, cancellationToken) ? "The documents were reordered." : "The document is already at that end.", Panel);
        return Back(id);
    }

    /// <summary>Where the edit page shows this panel's messages.</summary>
    public const string Panel = "attachments";

    private string Problems() => string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));

    private Task<ArticleAttachment?> FindAsync(int id, int attachmentId, CancellationToken cancellationToken) =>
        db.ArticleAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ArticleId == id, cancellationToken);

    /// <summary>404 for an unknown statement, 403 for one this person may not edit, null when they may.</summary>
    private async Task<IActionResult?> RefusedAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.CreatedById, a.Status }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        return (await authorization.AuthorizeAsync(User, new ArticleOwnership(article.CreatedById, article.Status), Policies.CanEditArticle)).Succeeded ? null : Forbid();
    }

    private RedirectResult Back(int id) => Redirect($"/admin/articles/{id}/edit#attachments");
}
