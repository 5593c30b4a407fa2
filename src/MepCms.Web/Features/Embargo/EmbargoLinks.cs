using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Embargo;

/// <summary>The `Embargo` section.</summary>
public sealed class EmbargoOptions
{
    public const string Section = "Embargo";

    /// <summary>How long a link lives when the statement has no publish time yet.</summary>
    [Range(1, 24 * 30)]
    public int LinkLifetimeHours { get; set; } = 48;
}

/// <summary>
/// Signed, expiring tokens for embargo links. The token is the statement id and the expiry,
/// encrypted and authenticated by ASP.NET Core Data Protection, so it can be neither forged nor
/// altered; the expiry is checked against the injected clock.
/// </summary>
public sealed class EmbargoLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<EmbargoOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("MepCms.Embargo.v1");

    /// <summary>Until the publish time when it is scheduled in the future, otherwise for the configured lifetime.</summary>
    public DateTime ExpiryFor(DateTime? publishAtUtc)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return publishAtUtc is { } at && at > now ? at : now.AddHours(options.Value.LinkLifetimeHours);
    }

    public string Create(int articleId, DateTime expiresUtc) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{articleId}|{expiresUtc.Ticks}"));

    /// <summary>The statement id of a valid, unexpired token; null for anything else.</summary>
    public int? Read(string? token)
    {
        if (_protector.TryUnprotect(token) is not { } payload)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }
        return clock.GetUtcNow().UtcDateTime.Ticks < ticks ? id : null;
    }
}

public static class EmbargoSetup
{
    public static IServiceCollection AddEmbargoLinks(this IServiceCollection services)
    {
        services.AddOptions<EmbargoOptions>().BindConfiguration(EmbargoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmbargoLinks>();
        // An embargo link carries its token: never cached, never compressed.
        services.AddPublicPages(o => o.PrivatePrefixes.AddRange(["/embargo", "/preview"]));
        return services;
    }
}
