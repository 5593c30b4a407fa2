using MepCms.Web.Features.Media;
using MepCms.Web.Features.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Admin.Settings;

public sealed record SettingsViewModel(SiteSettingsForm Form, Brand Current, bool HasLogo, bool Conflict, string? Flash);

/// <summary>Admins give the site the office's identity: name, colours, logo, contact, social profiles and its three info pages.</summary>
[Route("admin/settings")]
[Authorize(Policy = Policies.IsAdmin)]
public sealed class SettingsController(SiteSettingsEditor editor, SiteIdentity identity) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var row = await editor.LoadAsync(cancellationToken);
        return View(new SettingsViewModel(SiteSettingsForm.From(row), await identity.CurrentAsync(cancellationToken), row?.Logo is not null, false, TempData.TakeFlash()));
    }

    [HttpPost, UploadLimit(ReturnPath = "/admin/settings")]
    public async Task<IActionResult> Save(SiteSettingsForm form, CancellationToken cancellationToken)
    {
        var outcome = ModelState.IsValid ? await editor.SaveAsync(form, User, ModelState, cancellationToken) : SettingsOutcome.Invalid;
        if (outcome == SettingsOutcome.Saved)
        {
            Flash("The settings were saved; every public page shows them now.");
            return Redirect("/admin/settings");
        }
        var row = await editor.LoadAsync(cancellationToken);
        if (outcome == SettingsOutcome.Conflict)
        {
            // The other admin's save stays; this form keeps what was typed, with the new version to save over it knowingly.
            form.Version = row?.Version ?? Guid.Empty;
            ModelState.Remove(nameof(form.Version));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return View("Index", new SettingsViewModel(form, await identity.CurrentAsync(cancellationToken), row?.Logo is not null, outcome == SettingsOutcome.Conflict, null));
    }
}
