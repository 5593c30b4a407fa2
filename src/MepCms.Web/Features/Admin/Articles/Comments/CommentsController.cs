using System.ComponentModel.DataAnnotations;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Comments;

public sealed class CommentForm
{
    [Required(ErrorMessage = "Write the comment."), StringLength(ArticleComment.TextLength, ErrorMessage = "A comment may be at most 2,000 characters.")]
    public string? Text { get; set; }

    [StringLength(ArticleComment.QuoteLength, ErrorMessage = "Quote at most 500 characters of the text.")]
    public string? Quote { get; set; }
}

/// <summary>
/// Staff comment on a statement they may edit, reply, resolve and reopen. Whoever may edit the
/// statement may comment on it; the comment's author, the statement's author and editors resolve.
/// Every action is a plain form post that returns to the editor's comments.
/// </summary>
[Route("admin/articles/{id:int:min(1)}/comments")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class CommentsController(MepCmsDbContext db, IAuthorizationService authorization, TimeProvider clock) : AdminController
{
    [HttpPost]
    public Task<IActionResult> Add(int id, CommentForm form, CancellationToken cancellationToken) =>
        WriteAsync(id, null, form, cancellationToken);

    [HttpPost("{commentId:int:min(1)}/replies")]
    public Task<IActionResult> Reply(int id, int commentId, CommentForm form, CancellationToken cancellationToken) =>
        WriteAsync(id, commentId, form, cancellationToken);

    [HttpPost("{commentId:int:min(1)}/resolve")]
    public Task<IActionResult> Resolve(int id, int commentId, CancellationToken cancellationToken) =>
        SetResolvedAsync(id, commentId, resolved: true, cancellationToken);

    [HttpPost("{commentId:int:min(1)}/reopen")]
    public Task<IActionResult> Reopen(int id, int commentId, CancellationToken cancellationToken) =>
        SetResolvedAsync(id, commentId, resolved: false, cancellationToken);

    private async Task<IActionResult> WriteAsync(int id, int? parentId, CommentForm form, CancellationToken cancellationToken)
    {
        if (await ArticleAsync(id, cancellationToken) is not { } article)
        {
            return NotFound();
        }
        if (!await MayEditAsync(article))
        {
            return Forbid();
        }
        if (parentId is { } parent && !await db.ArticleComments.AnyAsync(c => c.Id == parent && c.ArticleId == id && c.ParentId == null, cancellationToken))
        {
            return NotFound(); // a reply answers the first comment of a thread of this statement
        }
        var text = form.Text?.Trim() ?? "";
        if (!ModelState.IsValid || text.Length == 0)
        {
            Flash("The comment was not saved: " + (text.Length == 0 ? "write the comment." : string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))));
            return Back(id);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new ArticleComment
        {
            ArticleId = id, ParentId = parentId, Quote = parentId is null && form.Quote?.Trim() is { Length: > 0 } quote ? quote : null, Text = text,
            AuthorId = User.Id(), AuthorName = User.Identity?.Name ?? "", CreatedAt = now,
        };
        db.ArticleComments.Add(comment);
        db.Record(User, now, parentId is null ? AuditActions.ArticleCommented : AuditActions.ArticleCommentReplied, "Article", id,
            $"{(parentId is null ? "Comment" : "Reply")} on \"{article.Title}\"");
        await db.SaveChangesAsync(cancellationToken);
        Flash(parentId is null ? "Your comment was added." : "Your reply was added.");
        return Back(id);
    }

    private async Task<IActionResult> SetResolvedAsync(int id, int commentId, bool resolved, CancellationToken cancellationToken)
    {
        var article = await ArticleAsync(id, cancellationToken);
        var comment = await db.ArticleComments.FirstOrDefaultAsync(c => c.Id == commentId && c.ArticleId == id && c.ParentId == null, cancellationToken);
        if (article is null || comment is null)
        {
            return NotFound();
        }
        if (!await MayEditAsync(article) || !MayResolve(comment, article.CreatedById))
        {
            return Forbid();
        }
        if ((comment.ResolvedAt is not null) == resolved)
        {
            Flash(resolved ? "The comment was already resolved." : "The comment is open.");
            return Back(id);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        (comment.ResolvedAt, comment.ResolvedByName) = resolved ? ((DateTime?)now, User.Identity?.Name) : (null, null);
        db.Record(User, now, resolved ? AuditActions.ArticleCommentResolved : AuditActions.ArticleCommentReopened, "Article", id,
            $"Comment by {comment.AuthorName} {(resolved ? "resolved" : "reopened")} on \"{article.Title}\"");
        await db.SaveChangesAsync(cancellationToken);
        Flash(resolved ? "The comment was resolved." : "The comment was reopened.");
        return Back(id);
    }

    /// <summary>The comment's author, the statement's author, and editors and admins.</summary>
    internal static bool MayResolve(ArticleComment comment, string? articleAuthorId, System.Security.Claims.ClaimsPrincipal user) =>
        user.MayPublish() || comment.AuthorId == user.Id() || articleAuthorId == user.Id();

    private bool MayResolve(ArticleComment comment, string? articleAuthorId) => MayResolve(comment, articleAuthorId, User);

    private Task<ArticleRef?> ArticleAsync(int id, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new ArticleRef(a.Title, a.CreatedById, a.Status)).FirstOrDefaultAsync(cancellationToken);

    private async Task<bool> MayEditAsync(ArticleRef article) =>
        (await authorization.AuthorizeAsync(User, new ArticleOwnership(article.CreatedById, article.Status), Policies.CanEditArticle)).Succeeded;

    private RedirectResult Back(int id) => Redirect($"/admin/articles/{id}/edit#comments");

    private sealed record ArticleRef(string Title, string? CreatedById, Features.Articles.ArticleStatus Status);
}
