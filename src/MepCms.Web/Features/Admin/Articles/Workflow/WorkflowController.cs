using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Workflow;

public sealed class ScheduleForm
{
    /// <summary>Brussels wall-clock time from a datetime-local input.</summary>
    public DateTime? PublishAt { get; set; }
}

public sealed class DeleteForm
{
    /// <summary>Needed to delete a published statement; without it, the statement is unpublished instead.</summary>
    public bool DeletePermanently { get; set; }
}

public sealed record DeleteViewModel(int Id, string Title, ArticleStatus Status);

/// <summary>The state changes of a statement, each one POST with its own policy.</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class WorkflowController(MepCmsDbContext db, ArticleWorkflow workflow, IAuthorizationService authorization, SiteUrls urls, TimeProvider clock) : AdminController
{
    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("{id:int:min(1)}/submit")]
    public async Task<IActionResult> Submit(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        var ownership = new ArticleOwnership(article.CreatedById, article.Status);
        if (!(await authorization.AuthorizeAsync(User, ownership, Policies.CanEditArticle)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await workflow.ApplyAsync(article, Transition.Submit, User, null, cancellationToken);
        if (outcome == TransitionOutcome.Done && !User.MayPublish())
        {
            // A contributor cannot edit it any more: back to the list, which says what happened.
            Flash("Submitted for review: an editor will take it from here.");
            return Redirect("/admin/articles");
        }
        return Outcome(id, outcome, "Submitted for review.");
    }

    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/publish")]
    public Task<IActionResult> Publish(int id, CancellationToken cancellationToken) =>
        ApplyAsync(id, Transition.Publish, null, "Published.", cancellationToken);

    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/schedule")]
    public async Task<IActionResult> Schedule(int id, ScheduleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || form.PublishAt is not { } local)
        {
            Flash("Choose a date and time to schedule the statement.");
            return RedirectToEdit(id);
        }
        var utc = BrusselsTime.ToUtc(local);
        if (utc <= clock.GetUtcNow().UtcDateTime)
        {
            Flash("That time has passed: choose a time in the future, or publish now.");
            return RedirectToEdit(id);
        }
        return await ApplyAsync(id, Transition.Schedule, utc, $"Scheduled for {BrusselsTime.DateTimeText(utc)} Brussels time.", cancellationToken);
    }

    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/unpublish")]
    public Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken) =>
        ApplyAsync(id, Transition.Unpublish, null, "Unpublished: the statement is no longer public.", cancellationToken);

    [Authorize(Policy = Policies.IsAdmin), HttpGet("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new DeleteViewModel(a.Id, a.Title, a.Status)).FirstOrDefaultAsync(cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [Authorize(Policy = Policies.IsAdmin), HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, DeleteForm form, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (article.Status == ArticleStatus.Published && !form.DeletePermanently)
        {
            return Outcome(id, await workflow.ApplyAsync(article, Transition.Unpublish, User, null, cancellationToken),
                "The statement was published, so it was unpublished rather than deleted.");
        }
        var outcome = await workflow.ApplyAsync(article, Transition.Delete, User, null, cancellationToken);
        if (outcome != TransitionOutcome.Done)
        {
            return Outcome(id, outcome, "");
        }
        Flash($"\"{article.Title}\" was deleted.");
        return Redirect("/admin/articles");
    }

    private async Task<IActionResult> ApplyAsync(int id, Transition transition, DateTime? publishAt, string done, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return article is null ? NotFound() : Outcome(id, await workflow.ApplyAsync(article, transition, User, publishAt, cancellationToken, urls.Base(Request)), done);
    }

    private IActionResult Outcome(int id, TransitionOutcome outcome, string done)
    {
        switch (outcome)
        {
            case TransitionOutcome.NotFound:
                return NotFound();
            case TransitionOutcome.NotPossible:
                Flash("That step is not possible from the statement's current state.");
                break;
            case TransitionOutcome.Conflict:
                Flash("Someone changed the statement at the same moment; check it and try again.");
                break;
            default:
                Flash(done);
                break;
        }
        return RedirectToEdit(id);
    }

    private RedirectResult RedirectToEdit(int id) => Redirect($"/admin/articles/{id}/edit");
}
