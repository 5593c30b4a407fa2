using System.Text;
using System.Text.Encodings.Web;
using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>A part of a message's body.</summary>
public abstract record MailBlock
{
    /// <summary>Bold, larger: the subject of the message (lines kept).</summary>
    public sealed record Heading(string Text) : MailBlock;
    /// <summary>A paragraph of plain text (lines kept).</summary>
    public sealed record Paragraph(string Text) : MailBlock;
    /// <summary>A link standing on its own line.</summary>
    public sealed record Action(string Url, string Label) : MailBlock;
    /// <summary>Already sanitised HTML (a statement's body) and its plain-text form.</summary>
    public sealed record Html(string SanitisedHtml, string PlainText) : MailBlock;
}

/// <summary>
/// The body of every message the site sends: a plain-text and an HTML part, the HTML with inline
/// styles only (what Outlook and Gmail keep), every value encoded; small links at the foot.
/// </summary>
public static class MailLayout
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static MultipartAlternative Body(IEnumerable<MailBlock> blocks, IReadOnlyList<(string Url, string Label)> footer)
    {
        var plain = new StringBuilder();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case MailBlock.Heading heading:
                    plain.AppendLine(heading.Text).AppendLine();
                    html.Append("<p style=\"margin:0 0 16px;font-weight:bold;font-size:18px\">").Append(Lines(heading.Text)).Append("</p>");
                    break;
                case MailBlock.Paragraph paragraph:
                    plain.AppendLine(paragraph.Text).AppendLine();
                    html.Append("<p style=\"margin:0 0 16px\">").Append(Lines(paragraph.Text)).Append("</p>");
                    break;
                case MailBlock.Action action:
                    plain.AppendLine($"{action.Label}: {action.Url}").AppendLine();
                    html.Append("<p style=\"margin:0 0 24px\"><a href=\"").Append(Encoder.Encode(action.Url)).Append("\" style=\"color:#0b4f9c;font-weight:bold\">")
                        .Append(Encoder.Encode(action.Label)).Append("</a></p>");
                    break;
                case MailBlock.Html body:
                    plain.AppendLine(body.PlainText.Trim()).AppendLine();
                    html.Append("<div style=\"margin:0 0 24px\">").Append(body.SanitisedHtml).Append("</div>");
                    break;
            }
        }
        if (footer.Count > 0)
        {
            plain.AppendLine("--");
            html.Append("<p style=\"margin:24px 0 0;border-top:1px solid #cccccc;padding-top:12px;font-size:13px;color:#555555\">");
            for (var i = 0; i < footer.Count; i++)
            {
                plain.AppendLine($"{footer[i].Label}: {footer[i].Url}");
                html.Append(i > 0 ? " · " : "").Append("<a href=\"").Append(Encoder.Encode(footer[i].Url)).Append("\" style=\"color:#555555\">")
                    .Append(Encoder.Encode(footer[i].Label)).Append("</a>");
            }
            html.Append("</p>");
        }
        html.Append("</body></html>");
        return new MultipartAlternative
        {
            new TextPart("plain") { Text = plain.ToString() },
            new TextPart("html") { Text = html.ToString() },
        };
    }

    /// <summary>
    /// The list headers of RFC 2369 and RFC 8058: the list's name and id, and a one-click
    /// unsubscribe URL; marked as sent by a machine (RFC 3834).
    /// </summary>
    public static void AddListHeaders(MimeMessage message, string listName, string listId, string unsubscribeUrl)
    {
        message.Headers.Add(HeaderId.ListId, $"{Phrase(listName)} <{listId}>");
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /// <summary>The host of an absolute URL, for list ids; "localhost" when it is not one.</summary>
    public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";

    private static string Lines(string text) => string.Join("<br>", text.Split('\n').Select(Encoder.Encode));

    // A header's phrase: no characters that would end it or start another header.
    private static string Phrase(string text) => new([.. text.Where(c => !char.IsControl(c) && c is not '<' and not '>' and not '"')]);
}
