using System.Text.RegularExpressions;
using MimeKit;

namespace MepCms.BrowserTests.Support;

/// <summary>The messages the app wrote to its pickup folder, as a mail program would read them.</summary>
public static partial class Mailbox
{
    /// <summary>The first message to <paramref name="email"/>; the sender writes it within moments (it is woken by what queued it).</summary>
    public static async Task<MimeMessage> MessageToAsync(this Site site, string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var file in Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email))
                {
                    return message;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No message to {email} in {site.MailFolder}.");
    }

    /// <summary>The first link of the message's text part that contains <paramref name="part"/>.</summary>
    public static string LinkIn(MimeMessage message, string part) =>
        Links().Matches(message.TextBody ?? "").Select(m => m.Value).First(l => l.Contains(part, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
