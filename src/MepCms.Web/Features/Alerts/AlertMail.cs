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
public sealed class AlertMail(MailComposer composer, SubscriptionTokens tokens, IOptions<SiteOptions> site, SiteLanguages languages)
{
    public MimeMessage Confirmation(Subscriber subscriber)
    {
        var links = Links(subscriber.BaseUrl, subscriber.Id);
        var name = site.Value.Name;
        if (subscriber.Status == SubscriberStatus.Confirmed)
        {
            // Signed up again while subscribed: nothing changes without the subscriber's own link.
            return Compose(subscriber.Email, $"Your e-mail alerts from {name}", links, withListHeaders: true,
                $"This address already receives e-mail alerts from {name}.",
                "To choose other MEPs, committees, topics or languages, or to stop the alerts, use this link:",
                (links.Manage, "Manage your alerts"));
        }
        var confirm = $"{links.Base}/subscribe/confirm?token={Uri.EscapeDataString(tokens.Confirmation(subscriber))}";
        return Compose(subscriber.Email, $"Confirm your e-mail alerts from {name}", links, withListHeaders: false,
            $"Someone, probably you, asked for e-mail alerts from {name} at this address.",
            $"To receive them, confirm within {SubscriptionTokens.ConfirmationLifetime.TotalDays:0} days. If it was not you, ignore this message: nothing will be sent.",
            (confirm, "Confirm my e-mail alerts"));
    }

    /// <summary>An alert speaks the statement's language: its words, its date and the pages it links to.</summary>
    public MimeMessage Alert(Subscriber subscriber, AlertStatement statement, string baseUrl)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = languages.CultureOf(statement.Language);
        try
        {
            var links = Links(baseUrl, subscriber.Id, statement.Language);
            var url = links.Base + languages.PathIn(statement.Language, $"/articles/{statement.Slug}");
            var byline = string.Join(", ", statement.Meps);
            var when = $"{BrusselsTime.DateTimeForReaders(statement.PublishAt)} ({SiteText.Get("BrusselsTime")})";
            return Compose(subscriber.Email, statement.Title, links, withListHeaders: true,
                $"{statement.Title}\n{byline} · {when}", statement.Lead, (url, SiteText.Get("ReadTheStatement")),
                [(links.Manage, SiteText.Get("ManageEmailAlerts")), (links.Unsubscribe, SiteText.Get("Unsubscribe"))]);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

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
            footer ?? (withListHeaders ? [(links.Manage, "Manage your alerts"), (links.Unsubscribe, "Unsubscribe")] : []));
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
