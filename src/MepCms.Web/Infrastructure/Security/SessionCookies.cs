using System.Globalization;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// The staff session: cookie names and flags, an absolute lifetime on top of the 8-hour idle limit,
/// and a short security-stamp interval so that signing out everywhere, a password change or a lock
/// ends the account's other sessions within a minute.
/// </summary>
public static class SessionCookies
{
    public const string AuthCookie = "mepcms.auth";
    public const string AntiforgeryCookie = "mepcms.antiforgery";
    public const string AntiforgeryHeader = "RequestVerificationToken";
    public const string HostPrefix = "__Host-";

    // Kept in the ticket's properties, which survive sliding renewals (IssuedUtc does not).
    private const string SignedInAtKey = ".mepcms.signed-in-at";

    private static readonly Dictionary<string, string> IdentityCookies = new()
    {
        [IdentityConstants.ApplicationScheme] = AuthCookie,
        [IdentityConstants.ExternalScheme] = "mepcms.external",
        [IdentityConstants.TwoFactorUserIdScheme] = "mepcms.2fa",
        [IdentityConstants.TwoFactorRememberMeScheme] = "mepcms.2fa-remember",
    };

    public static bool HttpsOnly(SecurityOptions security, SiteOptions site) =>
        security.HttpsOnlyCookies
        ?? site.PublicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    public static IServiceCollection AddMepCmsSessionCookies(this IServiceCollection services)
    {
        foreach (var (scheme, name) in IdentityCookies)
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IOptions<SecurityOptions>, IOptions<SiteOptions>>((o, security, site) =>
                    Flag(o.Cookie, name, HttpsOnly(security.Value, site.Value)));
        }
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((o, security) => LimitSessions(o, security.Value.AbsoluteSessionLifetime));
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) => o.ValidationInterval = security.Value.SecurityStampInterval);
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<SecurityOptions>, IOptions<SiteOptions>>((o, security, site) =>
            {
                Flag(o.Cookie, AntiforgeryCookie, HttpsOnly(security.Value, site.Value));
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.HeaderName = AntiforgeryHeader;
                // Our own X-Frame-Options: DENY and frame-ancestors 'none' are stricter than its SAMEORIGIN.
                o.SuppressXFrameOptionsHeader = true;
            });
        return services;
    }

    private static void Flag(CookieBuilder cookie, string name, bool httpsOnly)
    {
        // __Host- cookies must be Secure, have Path=/ and no Domain; browsers enforce it.
        cookie.Name = httpsOnly ? HostPrefix + name : name;
        cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
        if (cookie.SameSite is SameSiteMode.None or SameSiteMode.Unspecified)
        {
            cookie.SameSite = SameSiteMode.Lax;
        }
    }

    private static void LimitSessions(CookieAuthenticationOptions options, TimeSpan lifetime)
    {
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            context.Properties.Items.TryAdd(SignedInAtKey, now.ToString("O", CultureInfo.InvariantCulture));
            return signingIn(context);
        };

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var signedInAt = context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    ? at
                    : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
            if (now - signedInAt > lifetime)
            {
                Logger(context.HttpContext).SessionExpired(context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }
            await validate(context);
        };

        var denied = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToAccessDenied = context =>
        {
            Logger(context.HttpContext).AccessDenied(context.Request.Method, context.Request.PathBase + context.Request.Path,
                context.HttpContext.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            return denied(context);
        };
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionCookies).FullName!);
}
