using System.Text.RegularExpressions;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Web.Features.PressLists;

/// <summary>A statement as press mail shows it.</summary>
public sealed record PressStatement(string Title, string Slug, string Lead, string BodyMarkdown, string BodyHtml, DateTime PublishAt, IReadOnlyList<string> Meps, string Language);

/// <summary>
/// The messages to journalists: under embargo (the whole text, the embargo time in Brussels time,
/// the personal link) and, at go-live, the public link. Both parts, inline styles, the list headers
/// with a one-click unsubscribe that holds for every list of the office.
/// </summary>
public sealed partial class PressMail(MailComposer composer, PressTokens tokens, IOptions<SiteOptions> site, SiteLanguages languages)
{
    public MimeMessage Embargoed(PressRecipient recipient, PressStatement statement)
    {
        var root = Root(recipient.BaseUrl);
        var until = BrusselsTime.DateTimeText(statement.PublishAt);
        var message = Start(recipient, root, $"EMBARGOED until {until} (Brussels time): {statement.Title}");
        var link = $"{root}/embargo?link={Uri.EscapeDataString(tokens.Link(recipient))}";
        message.Body = MailLayout.Body(
        [
            new MailBlock.Heading($"EMBARGOED until {until} (Brussels time)\n{statement.Title}"),
            new MailBlock.Paragraph($"{string.Join(", ", statement.Meps)}\nNot for publication, broadcast or posting before the time above."),
            new MailBlock.Paragraph(statement.Lead),
            new MailBlock.Html(AbsoluteLinks(statement.BodyHtml, root), statement.BodyMarkdown),
            new MailBlock.Paragraph("The statement on our site, before it is public. This link is personal: please do not forward it."),
            new MailBlock.Action(link, "Read it on the site"),
        ], Footer(recipient, root));
        return message;
    }

    public MimeMessage Public(PressRecipient recipient, PressStatement statement)
    {
        var root = Root(recipient.BaseUrl);
        var message = Start(recipient, root, $"Now public: {statement.Title}");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = MailLayout.Body(
        [
            new MailBlock.Heading($"{statement.Title}\n{string.Join(", ", statement.Meps)} · {BrusselsTime.DateTimeText(statement.PublishAt)} (Brussels time)"),
            new MailBlock.Paragraph("The statement we sent you under embargo is now public."),
            new MailBlock.Paragraph(statement.Lead),
            new MailBlock.Action(root + languages.PathIn(statement.Language, $"/articles/{statement.Slug}"), "Read the statement"),
        ], Footer(recipient, root));
        return message;
    }

    private MimeMessage Start(PressRecipient recipient, string root, string subject)
    {
        var message = composer.Create(recipient.Email, subject);
        MailLayout.AddListHeaders(message, $"{site.Value.Name} press", $"press.{MailLayout.HostOf(root)}", Unsubscribe(recipient, root));
        return message;
    }

    private (string, string)[] Footer(PressRecipient recipient, string root) =>
        [(Unsubscribe(recipient, root), $"Receive no more press mail from {site.Value.Name}")];

    private string Unsubscribe(PressRecipient recipient, string root) =>
        $"{root}/press/unsubscribe?token={Uri.EscapeDataString(tokens.Unsubscribe(recipient.EmailKey))}";

    private string Root(string requestBase) => (site.Value.PublicUrl is { Length: > 0 } configured ? configured : requestBase).TrimEnd('/');

    // The site's own links and images in a statement are relative; in a message they must not be.
    private static string AbsoluteLinks(string html, string root) => SiteRelative().Replace(html, m => $"{m.Groups[1].Value}=\"{root}/");

    [GeneratedRegex("\\b(href|src)=\"/(?!/)")]
    private static partial Regex SiteRelative();
}
