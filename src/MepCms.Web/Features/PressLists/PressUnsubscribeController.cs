using MepCms.Web.Data;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.PressLists;

public sealed record PressNoticeViewModel(string Title, string Text, string? Token = null) : IHasPageMeta
{
    public PageMeta Meta => new(Title, Text, "/press/unsubscribe") { NoIndex = true };
}

/// <summary>
/// A journalist leaves the press lists from the link in any press message: a GET shows a button
/// (mail scanners follow links), a POST — the button, or a mail client's RFC 8058 one-click —
/// puts the address on the opt-out list, which holds for every list.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PressUnsubscribeController(MepCmsDbContext db, PressTokens tokens, TimeProvider clock) : Controller
{
    [HttpGet("/press/unsubscribe")]
    public IActionResult Unsubscribe(string? token) =>
        tokens.ReadUnsubscribe(token) is null
            ? Invalid()
            : View(new PressNoticeViewModel(SiteText.Get("PressStopTitle"), SiteText.Get("PressStopText"), token));

    /// <summary>No cookie, no Origin, no antiforgery token: the signed token in the link is the proof (RFC 8058).</summary>
    [HttpPost("/press/unsubscribe"), RequestSizeLimit(4 * 1024), IgnoreAntiforgeryToken]
    public async Task<IActionResult> Unsubscribed([FromQuery] string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadUnsubscribe(token) is not { } emailKey)
        {
            return Invalid();
        }
        await PressOptOuts.AddAsync(db, emailKey, PressOptOutReason.Unsubscribed, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return View("Unsubscribe", new PressNoticeViewModel(SiteText.Get("PressStoppedTitle"), SiteText.Get("PressStoppedText")));
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Unsubscribe", new PressNoticeViewModel(SiteText.Get("PressLinkBrokenTitle"), SiteText.Get("PressLinkBrokenText")));
    }
}
