using System.Globalization;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;

namespace MepCms.Web.Features.PressLists;

/// <summary>
/// The tokens of press mail, encrypted and authenticated by Data Protection (the key ring every
/// instance shares). A personal embargo link names its recipient and the recipient's secret, so it
/// dies when the recipient is revoked; an unsubscribe token names the address.
/// </summary>
public sealed class PressTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _link = protection.CreateProtector("MepCms.Press.EmbargoLink.v1");
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("MepCms.Press.Unsubscribe.v1");

    public string Link(PressRecipient recipient) =>
        _link.Protect(string.Create(CultureInfo.InvariantCulture, $"{recipient.Id}|{recipient.LinkSecret:N}"));

    /// <summary>The recipient and secret of a well-formed link token; null for anything else.</summary>
    public (long Id, Guid Secret)? ReadLink(string? token) =>
        _link.TryUnprotect(token)?.Split('|') is [var id, var secret]
        && long.TryParse(id, CultureInfo.InvariantCulture, out var recipient) && Guid.TryParseExact(secret, "N", out var guid)
            ? (recipient, guid) : null;

    public string Unsubscribe(string emailKey) => _unsubscribe.Protect(emailKey);

    /// <summary>The address (lower case) of a valid unsubscribe token; null for anything else.</summary>
    public string? ReadUnsubscribe(string? token) => _unsubscribe.TryUnprotect(token);
}
