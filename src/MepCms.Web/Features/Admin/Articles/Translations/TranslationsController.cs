using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Translations;

/// <summary>
/// "Translate into…" and "Mark as updated". Anyone who may write statements may translate one (the
/// translation is their own draft); marking a translation updated follows the rules of editing it.
/// </summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class TranslationsController(MepCmsDbContext db, Translations translations, IAuthorizationService authorization) : AdminController
{
    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("{id:int:min(1)}/translate")]
    public async Task<IActionResult> Translate(int id, [FromForm] string? language, CancellationToken cancellationToken)
    {
        var (outcome, created) = await translations.TranslateAsync(id, language, User, cancellationToken);
        switch (outcome)
        {
            case TranslateOutcome.NoSuchStatement:
                return NotFound();
            case TranslateOutcome.NotALanguage:
                return BadRequest("Choose one of the 24 official languages of the EU.");
            case TranslateOutcome.AlreadyThere:
                Flash($"This statement already has a version in {EuLanguages.NameOf(language!)} ({language}): open it from the list of versions. Nothing was created.", TranslationPanel.ErrorPlace);
                return Redirect($"/admin/articles/{id}/edit");
            default:
                Flash($"The version in {EuLanguages.NameOf(language!)} ({language}) was created as a draft holding the source's text, shown beside the editor: translate it, then save.", TranslationPanel.Place);
                return Redirect($"/admin/articles/{created}/edit");
        }
    }

    [HttpPost("{id:int:min(1)}/translation-updated")]
    public async Task<IActionResult> MarkUpdated(int id, CancellationToken cancellationToken)
    {
        var translation = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (translation is null)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, new ArticleOwnership(translation.CreatedById, translation.Status), Policies.CanEditArticle)).Succeeded)
        {
            return Forbid();
        }
        if (!await translations.MarkUpdatedAsync(translation, User, cancellationToken))
        {
            return BadRequest("This version is not a translation.");
        }
        Flash("Marked as up to date with its source.", TranslationPanel.Place);
        return Redirect($"/admin/articles/{id}/edit");
    }
}
