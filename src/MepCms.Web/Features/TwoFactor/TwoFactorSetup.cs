using System.Security.Claims;
using MepCms.Web.Features.Account;
using MepCms.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.TwoFactor;

public static class TwoFactorSetup
{
    /// <summary>Present in a staff member's session while their account has two-factor sign-in on.</summary>
    public const string EnabledClaim = "mepcms:two-factor";
    public const string ManagePath = "/account/two-factor";
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// TOTP two-factor sign-in for staff: our single-use authenticator provider, recovery codes kept
    /// as hashes, and the claim the admin gate reads. Register after Identity: these replace its defaults.
    /// </summary>
    public static IServiceCollection AddTwoFactor(this IServiceCollection services)
    {
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
            o.Tokens.ProviderMap[TotpTokenProvider.Name] = new TokenProviderDescriptor(typeof(TotpTokenProvider));
        });
        services.AddTransient<TotpTokenProvider>();
        services.AddSingleton<DevelopmentCodeHint>();
        services.AddScoped<IUserStore<AppUser>, RecoveryCodeHashingUserStore>();
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, TwoFactorClaimsFactory>();
        services.AddSingleton<QrCodeSvg>();
        return services;
    }

    /// <summary>
    /// With <see cref="SecurityOptions.RequireTwoFactorForAdmins"/>, an admin whose account has no
    /// two-factor sign-in is sent to enrol from every back-office request; the account pages
    /// (enrolment, sign-out, password) are outside /admin and stay reachable. Runs after authorization.
    /// </summary>
    public static WebApplication UseTwoFactorForAdmins(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var user = context.User;
            if (context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
                && user.IsInRole(Roles.Admin) && !user.HasTwoFactor()
                && context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireTwoFactorForAdmins)
            {
                context.Response.Redirect(ManagePath);
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    public static bool HasTwoFactor(this ClaimsPrincipal user) => user.HasClaim(EnabledClaim, "true");
}

/// <summary>Identity's claims (id, name, roles, security stamp) plus whether two-factor sign-in is on.</summary>
internal sealed class TwoFactorClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorSetup.EnabledClaim, "true"));
        }
        return identity;
    }
}
