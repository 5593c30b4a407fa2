using MepCms.Web.Data;
using MepCms.Web.Features.Shared;
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
            : View(new PressNoticeViewModel("Receive no more press mail",
                "Press the button and this address will receive no more statements from this press office, on any of its lists.", token));

    /// <summary>No cookie, no Origin, no antiforgery token: the signed token in the link is the proof (RFC 8058).</summary>
    [HttpPost("/press/unsubscribe"), RequestSizeLimit(4 * 1024), IgnoreAntiforgeryToken]
    public async Task<IActionResult> Unsubscribed([FromQuery] string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadUnsubscribe(token) is not { } emailKey)
        {
            return Invalid();
        }
        await PressOptOuts.AddAsync(db, emailKey, PressOptOutReason.Unsubscribed, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return View("Unsubscribe", new PressNoticeViewModel("You will receive no more press mail",
            "This address is off every press list of this office. To receive statements again, write to the press office."));
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Unsubscribe", new PressNoticeViewModel("This link does not work", "It may have been copied incompletely. Please use the link of a recent message."));
    }
}
