using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Web.Features.Settings;

public static class SettingsSetup
{
    /// <summary>The office's identity: stored settings read through <see cref="SiteIdentity"/>, and its public pages (cached).</summary>
    public static IServiceCollection AddSiteSettings(this IServiceCollection services)
    {
        services.AddSingleton<SiteIdentity>();
        services.AddScoped<SiteSettingsEditor>();
        services.AddPublicPages(o => o.Pages.Add(PublicPage.Exact(SiteController.CacheTag, "/legal-notice", "/privacy", "/accessibility")));
        return services;
    }
}
