using System.Globalization;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;

namespace MepCms.Web.Features.Alerts;

/// <summary>
/// The tokens in the links of every message, encrypted and authenticated by Data Protection (the
/// key ring every instance shares), so they can be neither forged nor altered and nothing about
/// them is stored. A confirmation token expires after <see cref="ConfirmationLifetime"/> and dies
/// with the subscriber's stamp; a manage token (manage and unsubscribe links) does not expire.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _confirm = protection.CreateProtector("MepCms.Alerts.Confirm.v1");
    private readonly IDataProtector _manage = protection.CreateProtector("MepCms.Alerts.Manage.v1");

    public string Confirmation(Subscriber subscriber) => _confirm.Protect(string.Create(CultureInfo.InvariantCulture,
        $"{subscriber.Id}|{subscriber.Stamp:N}|{(clock.GetUtcNow().UtcDateTime + ConfirmationLifetime).Ticks}"));

    public string Manage(int subscriberId) => _manage.Protect(subscriberId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The subscriber and stamp of a valid, unexpired confirmation token; null for anything else.</summary>
    public (int Id, Guid Stamp)? ReadConfirmation(string? token)
    {
        var parts = _confirm.TryUnprotect(token)?.Split('|');
        return parts is [var id, var stamp, var ticks]
            && int.TryParse(id, CultureInfo.InvariantCulture, out var subscriber)
            && Guid.TryParseExact(stamp, "N", out var guid)
            && long.TryParse(ticks, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().UtcDateTime.Ticks < expires
            ? (subscriber, guid) : null;
    }

    /// <summary>The subscriber of a valid manage token; null for anything else.</summary>
    public int? ReadManage(string? token) =>
        int.TryParse(_manage.TryUnprotect(token), CultureInfo.InvariantCulture, out var id) ? id : null;
}
