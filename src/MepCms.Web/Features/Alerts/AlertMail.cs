using System.Text;
using System.Text.Encodings.Web;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Web.Features.Alerts;

/// <summary>A statement as an alert shows it.</summary>
public sealed record AlertStatement(string Title, string Slug, string Lead, DateTime PublishAt, IReadOnlyList<string> Meps);

/// <summary>
/// The messages of the alerts: each with a plain-text and an HTML part (inline styles only, every
/// value encoded), direct links without tracking, and the list headers of RFC 2369 and RFC 8058.
/// Links are absolute: Site:PublicUrl, or the address of the request that caused the message.
/// </summary>
public sealed class AlertMail(MailComposer composer, SubscriptionTokens tokens, IOptions<SiteOptions> site)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

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

    public MimeMessage Alert(Subscriber subscriber, AlertStatement statement, string baseUrl)
    {
        var links = Links(baseUrl, subscriber.Id);
        var url = $"{links.Base}/articles/{statement.Slug}";
        var byline = string.Join(", ", statement.Meps);
        var when = BrusselsTime.DateTimeText(statement.PublishAt) + " (Brussels time)";
        return Compose(subscriber.Email, statement.Title, links, withListHeaders: true,
            $"{statement.Title}\n{byline} · {when}", statement.Lead, (url, "Read the statement"));
    }

    private MimeMessage Compose(string to, string subject, AlertLinks links, bool withListHeaders, string heading, string text, (string Url, string Label) action)
    {
        var message = composer.Create(to, subject);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (withListHeaders)
        {
            message.Headers.Add(HeaderId.ListId, $"{Sanitise(site.Value.Name)} alerts <alerts.{links.Host}>");
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{links.Unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var plain = new StringBuilder()
            .AppendLine(heading).AppendLine().AppendLine(text).AppendLine()
            .AppendLine($"{action.Label}: {action.Url}");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">")
            .Append("<p style=\"margin:0 0 16px;font-weight:bold;font-size:18px\">").Append(Lines(heading)).Append("</p>")
            .Append("<p style=\"margin:0 0 16px\">").Append(Lines(text)).Append("</p>")
            .Append("<p style=\"margin:0 0 24px\"><a href=\"").Append(Html.Encode(action.Url)).Append("\" style=\"color:#0b4f9c;font-weight:bold\">")
            .Append(Html.Encode(action.Label)).Append("</a></p>");
        if (withListHeaders)
        {
            plain.AppendLine().AppendLine("--").AppendLine($"Manage your alerts: {links.Manage}").AppendLine($"Unsubscribe: {links.Unsubscribe}");
            html.Append("<p style=\"margin:24px 0 0;border-top:1px solid #cccccc;padding-top:12px;font-size:13px;color:#555555\">")
                .Append("<a href=\"").Append(Html.Encode(links.Manage)).Append("\" style=\"color:#555555\">Manage your alerts</a> · ")
                .Append("<a href=\"").Append(Html.Encode(links.Unsubscribe)).Append("\" style=\"color:#555555\">Unsubscribe</a></p>");
        }
        html.Append("</body></html>");
        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = plain.ToString() },
            new TextPart("html") { Text = html.ToString() },
        };
        return message;
    }

    private AlertLinks Links(string requestBase, int subscriberId)
    {
        var root = (site.Value.PublicUrl is { Length: > 0 } configured ? configured : requestBase).TrimEnd('/');
        var token = Uri.EscapeDataString(tokens.Manage(subscriberId));
        var host = Uri.TryCreate(root, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";
        return new AlertLinks(root, host, $"{root}/subscribe/manage?token={token}", $"{root}/subscribe/unsubscribe?token={token}");
    }

    private static string Lines(string text) => string.Join("<br>", text.Split('\n').Select(Html.Encode));

    // A header's phrase: no characters that would end it or start another header.
    private static string Sanitise(string text) => new([.. text.Where(c => !char.IsControl(c) && c is not '<' and not '>' and not '"')]);

    private sealed record AlertLinks(string Base, string Host, string Manage, string Unsubscribe);
}
