namespace MepCms.Web.Infrastructure.Security;

/// <summary>The `Security` section of the settings.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Whether the site is reached over HTTPS only. Then the sign-in and antiforgery cookies are
    /// `__Host-` cookies, sent only over HTTPS. A cookie's name cannot change per request, so this is
    /// decided at start: when unset, it is true exactly when `Site:PublicUrl` is an https:// address.
    /// </summary>
    public bool? HttpsOnlyCookies { get; set; }

    /// <summary>A session ends this long after sign-in however active it stays (the idle limit is 8 hours).</summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session is checked against the account's security stamp (sign-out everywhere, password change, lock).</summary>
    public TimeSpan SecurityStampInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in POSTs allowed per client address per minute; more are refused with 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Admins must sign in with a second factor (TOTP); one without it is sent to enrol before any back-office page.</summary>
    public bool RequireTwoFactorForAdmins { get; set; } = true;
}
