using MepCms.Web.Data;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Alerts;

/// <summary>
/// Sign-up, confirmation, preferences and unsubscribing, all without signing in: the subscriber's
/// link carries a signed token. Buttons post; a GET of any link only shows a page, because mail
/// scanners follow links. The one-click unsubscribe (RFC 8058) is a bare POST of the link itself.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[Localized]
public sealed class SubscriptionsController(MepCmsDbContext db, Subscriptions subscriptions, SubscriptionTokens tokens, SiteUrls urls, Settings.SiteIdentity identity) : Controller
{
    private string ConsentText => SiteText.Format("AlertsConsent", _siteName);
    private string _siteName = "";

    /// <summary>The site's current name, for the consent text every action of this controller shows or stores.</summary>
    public override async Task OnActionExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.ActionExecutionDelegate next)
    {
        _siteName = (await identity.CurrentAsync(context.HttpContext.RequestAborted)).Name;
        await next();
    }

    [HttpGet("/subscribe")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Subscribe", new SubscribeViewModel(new SubscribeForm(), await ChoicesAsync(cancellationToken), ConsentText, IsManage: false));

    [HttpPost("/subscribe"), RequireSameOrigin, RequestSizeLimit(16 * 1024), EnableRateLimiting(AlertsSetup.RateLimitPolicy)]
    public async Task<IActionResult> Subscribe(SubscribeForm form, CancellationToken cancellationToken)
    {
        var email = MailAddresses.Normalise(form.Email);
        if (email is null)
        {
            ModelState.AddModelError(nameof(form.Email), SiteText.Get("AlertsEnterEmail"));
        }
        if (!form.Consent)
        {
            ModelState.AddModelError(nameof(form.Consent), SiteText.Get("AlertsTickConsent"));
        }
        var choices = await ValidChoicesAsync(form, cancellationToken);
        if (!ModelState.IsValid || email is null || choices is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Subscribe", new SubscribeViewModel(form, await ChoicesAsync(cancellationToken), ConsentText, IsManage: false));
        }
        await subscriptions.SignUpAsync(email, choices, ConsentText, urls.Base(Request), HttpContext.Language().Code, cancellationToken);
        // The same page whether the address was known or not: nobody learns who subscribes.
        return View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsCheckInbox"), SiteText.Format("AlertsCheckInboxText", email)));
    }

    [HttpGet("/subscribe/confirm")]
    public IActionResult Confirm(string? token) =>
        tokens.ReadConfirmation(token) is null
            ? Invalid()
            : View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsConfirmTitle"),
                SiteText.Get("AlertsConfirmText"), "/subscribe/confirm", SiteText.Get("AlertsConfirmButton"), token));

    [HttpPost("/subscribe/confirm"), RequireSameOrigin, RequestSizeLimit(4 * 1024)]
    public async Task<IActionResult> Confirmed([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadConfirmation(token) is not { } link || await subscriptions.ConfirmAsync(link.Id, link.Stamp, cancellationToken) is not { } subscriber)
        {
            return Invalid();
        }
        return View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsOnTitle"), SiteText.Get("AlertsOnText"),
            "/subscribe/manage/open", SiteText.Get("AlertsChooseWhat"), tokens.Manage(subscriber.Id)));
    }

    [HttpGet("/subscribe/manage")]
    public Task<IActionResult> Manage([FromQuery] string? token, CancellationToken cancellationToken) => ManagePageAsync(token, cancellationToken);

    /// <summary>The buttons of the site's own pages post the token, so it does not stay in the address bar.</summary>
    [HttpPost("/subscribe/manage/open"), RequireSameOrigin, RequestSizeLimit(4 * 1024)]
    public Task<IActionResult> OpenManage([FromForm] string? token, CancellationToken cancellationToken) => ManagePageAsync(token, cancellationToken);

    private async Task<IActionResult> ManagePageAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadManage(token) is not { } id || await subscriptions.FindAsync(id, cancellationToken) is not { Status: SubscriberStatus.Confirmed } subscriber)
        {
            return Invalid();
        }
        var form = new SubscribeForm
        {
            Token = token,
            Languages = [.. subscriber.Languages.Select(l => l.Language)],
            Meps = [.. subscriber.Meps.Select(m => m.AuthorId)],
            Committees = [.. subscriber.Committees.Select(c => c.CommitteeId)],
            Topics = [.. subscriber.Topics.Select(t => t.TopicId)],
        };
        return View("Subscribe", new SubscribeViewModel(form, await ChoicesAsync(cancellationToken), ConsentText, IsManage: true));
    }

    [HttpPost("/subscribe/manage"), RequireSameOrigin, RequestSizeLimit(16 * 1024)]
    public async Task<IActionResult> Change(SubscribeForm form, CancellationToken cancellationToken)
    {
        if (tokens.ReadManage(form.Token) is not { } id)
        {
            return Invalid();
        }
        var choices = await ValidChoicesAsync(form, cancellationToken);
        if (choices is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Subscribe", new SubscribeViewModel(form, await ChoicesAsync(cancellationToken), ConsentText, IsManage: true));
        }
        return await subscriptions.ChangeAsync(id, choices, cancellationToken)
            ? View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsSavedTitle"), SiteText.Get("AlertsSavedText"),
                "/subscribe/manage/open", SiteText.Get("AlertsChangeAgain"), form.Token))
            : Invalid();
    }

    /// <summary>The link in every message: a page with a button, so a scanner following it unsubscribes nobody.</summary>
    [HttpGet("/subscribe/unsubscribe")]
    public IActionResult Unsubscribe(string? token) =>
        tokens.ReadManage(token) is null
            ? Invalid()
            : View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsStopTitle"),
                SiteText.Get("AlertsStopText"), "/subscribe/unsubscribe?token=" + Uri.EscapeDataString(token!), SiteText.Get("Unsubscribe")));

    /// <summary>
    /// RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link, with no
    /// cookie, no Origin and no other token; the signed token in the link is the proof. The button
    /// of the page above posts here too.
    /// </summary>
    [HttpPost("/subscribe/unsubscribe"), RequestSizeLimit(4 * 1024), IgnoreAntiforgeryToken]
    public async Task<IActionResult> Unsubscribed([FromQuery] string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadManage(token) is not { } id || !await subscriptions.UnsubscribeAsync(id, cancellationToken))
        {
            return Invalid();
        }
        return View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsStoppedTitle"), SiteText.Get("AlertsStoppedText")));
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Message", new SubscriptionMessageViewModel(SiteText.Get("AlertsLinkExpiredTitle"), SiteText.Get("AlertsLinkExpiredText"), null, null));
    }

    private async Task<ChoiceLists> ChoicesAsync(CancellationToken cancellationToken) => new(
        await db.Authors.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.FullName).Select(a => new Choice(a.Id.ToString(), a.FullName)).ToListAsync(cancellationToken),
        await db.Committees.AsNoTracking().Where(c => c.IsActive && c.MergedIntoId == null).OrderBy(c => c.Code).Select(c => new Choice(c.Id.ToString(), c.Code + " " + c.Name)).ToListAsync(cancellationToken),
        await db.Topics.AsNoTracking().Where(t => t.IsActive && t.MergedIntoId == null).OrderBy(t => t.Name).Select(t => new Choice(t.Id.ToString(), t.Name)).ToListAsync(cancellationToken));

    /// <summary>The choices when each one exists (and languages are official ones); null, with a form error, otherwise.</summary>
    private async Task<SubscriptionChoices?> ValidChoicesAsync(SubscribeForm form, CancellationToken cancellationToken)
    {
        const int MaxEach = 200;
        if (form.Languages.Count > 24 || form.Meps.Count > MaxEach || form.Committees.Count > MaxEach || form.Topics.Count > MaxEach
            || form.Languages.Any(l => !EuLanguages.IsOfficial(l))
            || await db.Authors.CountAsync(a => form.Meps.Contains(a.Id), cancellationToken) != form.Meps.Distinct().Count()
            || await db.Committees.CountAsync(c => form.Committees.Contains(c.Id), cancellationToken) != form.Committees.Distinct().Count()
            || await db.Topics.CountAsync(t => form.Topics.Contains(t.Id), cancellationToken) != form.Topics.Distinct().Count())
        {
            ModelState.AddModelError("", SiteText.Get("AlertsChooseFromLists"));
            return null;
        }
        return new SubscriptionChoices(form.Languages, form.Meps, form.Committees, form.Topics);
    }
}
