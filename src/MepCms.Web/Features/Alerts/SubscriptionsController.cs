using MepCms.Web.Data;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
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
public sealed class SubscriptionsController(MepCmsDbContext db, Subscriptions subscriptions, SubscriptionTokens tokens, SiteUrls urls, Settings.SiteIdentity identity) : Controller
{
    private string ConsentText => $"I agree that {_siteName} keeps my e-mail address and choices to send me its statements by e-mail, until I unsubscribe.";
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
            ModelState.AddModelError(nameof(form.Email), "Enter one e-mail address, like name@example.eu.");
        }
        if (!form.Consent)
        {
            ModelState.AddModelError(nameof(form.Consent), "Tick the box to agree, or we cannot send you alerts.");
        }
        var choices = await ValidChoicesAsync(form, cancellationToken);
        if (!ModelState.IsValid || email is null || choices is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Subscribe", new SubscribeViewModel(form, await ChoicesAsync(cancellationToken), ConsentText, IsManage: false));
        }
        await subscriptions.SignUpAsync(email, choices, ConsentText, urls.Base(Request), cancellationToken);
        // The same page whether the address was known or not: nobody learns who subscribes.
        return View("Message", new SubscriptionMessageViewModel("Check your inbox",
            $"If {email} can receive e-mail, a message is on its way to it. Follow the link in it to confirm your alerts. Nothing is sent until you do."));
    }

    [HttpGet("/subscribe/confirm")]
    public IActionResult Confirm(string? token) =>
        tokens.ReadConfirmation(token) is null
            ? Invalid()
            : View("Message", new SubscriptionMessageViewModel("Confirm your e-mail alerts",
                "One more step: confirm that you want to receive our statements at this address.", "/subscribe/confirm", "Confirm my e-mail alerts", token));

    [HttpPost("/subscribe/confirm"), RequireSameOrigin, RequestSizeLimit(4 * 1024)]
    public async Task<IActionResult> Confirmed([FromForm] string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadConfirmation(token) is not { } link || await subscriptions.ConfirmAsync(link.Id, link.Stamp, cancellationToken) is not { } subscriber)
        {
            return Invalid();
        }
        return View("Message", new SubscriptionMessageViewModel("Your e-mail alerts are on",
            "You will receive our statements by e-mail as they are published. Every message has a link to change your choices or to stop.",
            "/subscribe/manage/open", "Choose what you receive", tokens.Manage(subscriber.Id)));
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
            ? View("Message", new SubscriptionMessageViewModel("Your choices are saved", "From now on you receive the statements you chose.",
                "/subscribe/manage/open", "Change them again", form.Token))
            : Invalid();
    }

    /// <summary>The link in every message: a page with a button, so a scanner following it unsubscribes nobody.</summary>
    [HttpGet("/subscribe/unsubscribe")]
    public IActionResult Unsubscribe(string? token) =>
        tokens.ReadManage(token) is null
            ? Invalid()
            : View("Message", new SubscriptionMessageViewModel("Stop your e-mail alerts",
                "Press the button to stop every e-mail alert to this address.", "/subscribe/unsubscribe?token=" + Uri.EscapeDataString(token!), "Unsubscribe"));

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
        return View("Message", new SubscriptionMessageViewModel("You are unsubscribed",
            "No more e-mail alerts will be sent to this address. You can sign up again at any time."));
    }

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Message", new SubscriptionMessageViewModel("This link no longer works",
            "It may have expired (confirmation links last a week), or the subscription was cancelled. You can sign up again.", null, null));
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
            ModelState.AddModelError("", "Choose only from the lists on this page.");
            return null;
        }
        return new SubscriptionChoices(form.Languages, form.Meps, form.Committees, form.Topics);
    }
}
