using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>
/// What the site accepts as an e-mail address: exactly one plain mailbox (local@domain), no display
/// name, no group, no list, no control characters (CR/LF would let a value add a header).
/// </summary>
public static class MailAddresses
{
    public const int MaxLength = 254;

    public static bool IsPlainMailbox(string? value) => Normalise(value) is not null;

    /// <summary>The address trimmed, with a lower-case domain; null when it is not one plain mailbox.</summary>
    public static string? Normalise(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || text.IndexOfAny([',', ';', '<', '>', '"', '(', ')', '[', ']', '\\']) >= 0)
        {
            return null;
        }
        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox) || mailbox.Name is { Length: > 0 }
            || mailbox.Route.Count > 0 || !string.Equals(mailbox.Address, text, StringComparison.Ordinal))
        {
            return null;
        }
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || !text[(at + 1)..].Contains('.', StringComparison.Ordinal) || text[(at + 1)..].StartsWith('.') || text.EndsWith('.'))
        {
            return null;
        }
        return text[..at] + "@" + text[(at + 1)..].ToLowerInvariant();
    }
}
