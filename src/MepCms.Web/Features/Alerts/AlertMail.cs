using System.Globalization;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web.Localization;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Web.Features.Alerts;

/// <summary>A statement as an alert shows it.</summary>
public sealed record AlertStatement(string Title, string Slug, string Lead, DateTime PublishAt, IReadOnlyList<string> Meps, string Language);

/// <summary>
/// The messages of the alerts: each with a plain-text and an HTML part (inline styles only, every
/// value encoded), direct links without tracking, and the list headers of RFC 2369 and RFC 8058.
/// Links are absolute: Site:PublicUrl, or the address of the request that caused the message.
/// </summary>
public sealed class AlertMail(MailComposer composer, SubscriptionTokens tokens, IOptions<SiteOptions> site, SiteLanguages languages, TimeProvider clock)
{
    /// <summary>The confirmation of a sign-up, or the note to an address already subscribed, in the language of the page it signed up on.</summary>
    public MimeMessage Confirmation(Subscriber subscriber)
    {
        var language = languages.IsPrefixed(subscriber.PageLanguage) ? subscriber.PageLanguage : languages.Default;
        return InLanguage(language, () =>
        {
            var links = Links(subscriber.BaseUrl, subscriber.Id, language);
            var name = site.Value.Name;
            if (subscriber.Status == SubscriberStatus.Confirmed)
            {
                // Signed up again while subscribed: nothing changes without the subscriber's own link.
                return Compose(subscriber.Email, SiteText.Format("AlertsKnownSubject", name), links, withListHeaders: true,
                    SiteText.Format("AlertsKnownHeading", name), SiteText.Get("AlertsKnownText"), (links.Manage, SiteText.Get("ManageEmailAlerts")));
            }
            var confirm = links.Base + languages.PathIn(language, $"/subscribe/confirm?token={Uri.EscapeDataString(tokens.Confirmation(subscriber))}");
            var until = BrusselsTime.DateForReaders(clock.GetUtcNow().UtcDateTime + SubscriptionTokens.ConfirmationLifetime);
            return Compose(subscriber.Email, SiteText.Format("AlertsConfirmSubject", name), links, withListHeaders: false,
                SiteText.Format("AlertsConfirmHeading", name), SiteText.Format("AlertsConfirmMailText", until), (confirm, SiteText.Get("AlertsConfirmAction")));
        });
    }

    /// <summary>Writes a message with the culture of <paramref name="language"/>: its words, dates and numbers.</summary>
    private MimeMessage InLanguage(string language, Func<MimeMessage> write)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = languages.CultureOf(language);
        try
        {
            return write();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>An alert speaks the statement's language: its words, its date and the pages it links to.</summary>
    public MimeMessage Alert(Subscriber subscriber, AlertStatement statement, string baseUrl) => InLanguage(statement.Language, () =>
    {
        var links = Links(baseUrl, subscriber.Id, statement.Language);
        var url = links.Base + languages.PathIn(statement.Language, $"/articles/{statement.Slug}");
        var byline = string.Join(", ", statement.Meps);
        var when = $"{BrusselsTime.DateTimeForReaders(statement.PublishAt)} ({SiteText.Get("BrusselsTime")})";
        return Compose(subscriber.Email, statement.Title, links, withListHeaders: true,
            $"{statement.Title}\n{byline} · {when}", statement.Lead, (url, SiteText.Get("ReadTheStatement")));
    });

    private MimeMessage Compose(string to, string subject, AlertLinks links, bool withListHeaders, string heading, string text, (string Url, string Label) action,
        IReadOnlyList<(string Url, string Label)>? footer = null)
    {
        var message = composer.Create(to, subject);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (withListHeaders)
        {
            MailLayout.AddListHeaders(message, $"{site.Value.Name} alerts", $"alerts.{links.Host}", links.Unsubscribe);
        }
        message.Body = MailLayout.Body(
            [new MailBlock.Heading(heading), new MailBlock.Paragraph(text), new MailBlock.Action(action.Url, action.Label)],
            footer ?? (withListHeaders ? [(links.Manage, SiteText.Get("ManageEmailAlerts")), (links.Unsubscribe, SiteText.Get("Unsubscribe"))] : []));
        return message;
    }

    /// <param name="language">The language of the pages the links open (the default one when none).</param>
    private AlertLinks Links(string requestBase, int subscriberId, string? language = null)
    {
        var root = (site.Value.PublicUrl is { Length: > 0 } configured ? configured : requestBase).TrimEnd('/');
        var token = Uri.EscapeDataString(tokens.Manage(subscriberId));
        string Page(string path) => root + languages.PathIn(language ?? languages.Default, path);
        return new AlertLinks(root, MailLayout.HostOf(root), Page($"/subscribe/manage?token={token}"), Page($"/subscribe/unsubscribe?token={token}"));
    }

    private sealed record AlertLinks(string Base, string Host, string Manage, string Unsubscribe);
}
