using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Admin.Articles.Workflow;

public sealed class ExpiryForm
{
    /// <summary>Brussels wall-clock time from a datetime-local input.</summary>
    public DateTime? UnpublishAt { get; set; }
}

/// <summary>Editors give a published or scheduled statement a time to leave the public site, or cancel it.</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class ExpiryController(Expiry expiry) : AdminController
{
    [HttpPost("{id:int:min(1)}/unpublish-at")]
    public async Task<IActionResult> Set(int id, ExpiryForm form, CancellationToken cancellationToken)
    {
        if (form.UnpublishAt is not { } local)
        {
            Flash("Choose the time the statement should leave the public site.");
            return Redirect($"/admin/articles/{id}/edit");
        }
        var utc = BrusselsTime.ToUtc(local);
        return Outcome(id, await expiry.SetAsync(id, utc, User, cancellationToken), $"It will be unpublished at {BrusselsTime.DateTimeText(utc)} Brussels time.");
    }

    [HttpPost("{id:int:min(1)}/unpublish-at/cancel")]
    public async Task<IActionResult> Cancel(int id, CancellationToken cancellationToken) =>
        Outcome(id, await expiry.SetAsync(id, null, User, cancellationToken), "The unpublish time was cancelled: it stays on the site.");

    private IActionResult Outcome(int id, ExpiryOutcome outcome, string done)
    {
        if (outcome == ExpiryOutcome.NotFound)
        {
            return NotFound();
        }
        Flash(outcome switch
        {
            ExpiryOutcome.NotPublished => "Only a published or scheduled statement can be given an unpublish time.",
            ExpiryOutcome.NotInFuture => "That time has passed: choose a time in the future, or unpublish it now.",
            ExpiryOutcome.BeforePublishTime => "The unpublish time must come after the publish time.",
            _ => done,
        });
        return Redirect($"/admin/articles/{id}/edit");
    }
}
