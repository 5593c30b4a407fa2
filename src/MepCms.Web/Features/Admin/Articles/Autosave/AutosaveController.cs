using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Autosave;

/// <summary>
/// The editor's autosave (every 30 seconds and when the page is left, by admin-autosave.js) and the
/// discarding of a copy. Restoring one is the edit page's <c>?restore=autosave</c>: it only fills the form.
/// </summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class AutosaveController(MepCmsDbContext db, Autosaves autosaves, IAuthorizationService authorization, TimeProvider clock) : AdminController
{
    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("new/autosave")]
    public async Task<IActionResult> SaveNew(ArticleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        await autosaves.SaveAsync(User.Id()!, null, form, cancellationToken);
        return NoContent();
    }

    [HttpPost("{id:int:min(1)}/autosave")]
    public async Task<IActionResult> Save(int id, ArticleForm form, CancellationToken cancellationToken)
    {
        if (await MayEditAsync(id) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        await autosaves.SaveAsync(User.Id()!, id, form, cancellationToken);
        return NoContent();
    }

    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("new/autosave/discard")]
    public async Task<IActionResult> DiscardNew(CancellationToken cancellationToken)
    {
        await DiscardAsync(null, cancellationToken);
        return Redirect("/admin/articles/new");
    }

    [HttpPost("{id:int:min(1)}/autosave/discard")]
    public async Task<IActionResult> Discard(int id, CancellationToken cancellationToken)
    {
        if (await MayEditAsync(id) is { } refused)
        {
            return refused;
        }
        await DiscardAsync(id, cancellationToken);
        return Redirect($"/admin/articles/{id}/edit");
    }

    private async Task DiscardAsync(int? id, CancellationToken cancellationToken)
    {
        if (await autosaves.DeleteAsync(User.Id()!, id, cancellationToken))
        {
            db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleAutosaveDiscarded, "Article", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "new",
                "Autosaved copy discarded");
            await db.SaveChangesAsync(cancellationToken);
        }
        Flash("Your autosaved copy was discarded.");
    }

    private async Task<IActionResult?> MayEditAsync(int id)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.CreatedById, a.Status }).FirstOrDefaultAsync();
        if (article is null)
        {
            return NotFound();
        }
        var allowed = await authorization.AuthorizeAsync(User, new ArticleOwnership(article.CreatedById, article.Status), Policies.CanEditArticle);
        return allowed.Succeeded ? null : Forbid();
    }
}
