using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Admin;

/// <summary>
/// What every back-office controller shares: the Admin area, antiforgery on every POST and
/// responses no cache may keep. Each controller still names its own class-level policy.
/// </summary>
[Area("Admin")]
[Authorize(Policy = Policies.BackOffice)]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class AdminController : Controller
{
    /// <summary>A short message shown once on the next page (after a redirect).</summary>
    protected void Flash(string message, string? place = null) => TempData.SetFlash(message, place);
}
