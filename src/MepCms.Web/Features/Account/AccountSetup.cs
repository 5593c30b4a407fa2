using MepCms.Web.Data;
using MepCms.Web.Features.Account.Passwords;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MepCms.Web.Features.Account;

public static class AccountSetup
{
    public const int MinimumPasswordLength = 12;

    /// <summary>Identity for the press office staff: long passwords without composition rules, lockout after 5 failures.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<MepCmsDbContext>()
            .AddDefaultTokenProviders();
        // Beyond Identity's length rule: at most 128 characters, and no common or leaked password (0072).
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, PasswordLengthCapValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, CommonPasswordValidator>());
        services.AddPublicPages(o => o.PrivatePrefixes.Add("/account"));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // Cookie name, flags and the absolute lifetime: Infrastructure/Security/SessionCookies.cs.
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in user without the right role gets a plain 403 (the denied page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
