using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Admin.Articles.Workflow;

public sealed class PinForm
{
    /// <summary>Brussels wall-clock time from a datetime-local input; empty: until unpinned.</summary>
    public DateTime? PinnedUntil { get; set; }
}

/// <summary>Editors pin a public statement to the top of the home page, with an optional end, and unpin it.</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class PinController(ArticlePins pins) : AdminController
{
    [HttpPost("{id:int:min(1)}/pin")]
    public async Task<IActionResult> Pin(int id, PinForm form, CancellationToken cancellationToken)
    {
        var until = form.PinnedUntil is { } local ? BrusselsTime.ToUtc(local) : (DateTime?)null;
        switch (await pins.PinAsync(id, until, User, cancellationToken))
        {
            case PinOutcome.NotFound:
                return NotFound();
            case PinOutcome.NotPublic:
                Flash("Only a statement that is public can be pinned to the home page.");
                break;
            case PinOutcome.EndPassed:
                Flash("That end time has passed: choose a time in the future, or leave it empty.");
                break;
            default:
                Flash(until is { } end ? $"Pinned to the top of the home page until {BrusselsTime.DateTimeText(end)} Brussels time." : "Pinned to the top of the home page.");
                break;
        }
        return Redirect($"/admin/articles/{id}/edit");
    }

    [HttpPost("{id:int:min(1)}/unpin")]
    public async Task<IActionResult> Unpin(int id, CancellationToken cancellationToken)
    {
        Flash(await pins.UnpinAsync(id, User, cancellationToken) ? "Unpinned: the home page shows the latest statement first again." : "The statement was not pinned.");
        return Redirect($"/admin/articles/{id}/edit");
    }
}
