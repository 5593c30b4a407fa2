using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Admin.Directory;

/// <summary>What the committee and topic controllers share beyond the back office's rules.</summary>
public abstract class DirectoryController : AdminController
{
    /// <summary>The page after a merge: 404, the entry's form again with the refusal (409), or the entry merged into.</summary>
    protected async Task<IActionResult> Merged(MergeOutcome outcome, MergeForm form, Func<Task<IActionResult>> editPage)
    {
        if (outcome.IsMissing)
        {
            return NotFound();
        }
        if (outcome.Refusal is { } refusal)
        {
            ModelState.AddModelError(nameof(form.TargetId), refusal);
            var page = await editPage();
            if (page is ViewResult entryForm)
            {
                entryForm.StatusCode = StatusCodes.Status409Conflict;
            }
            return page;
        }
        Flash("The merge is done: the statements now carry this entry.");
        return RedirectToAction("Edit", new { id = form.TargetId });
    }
}
