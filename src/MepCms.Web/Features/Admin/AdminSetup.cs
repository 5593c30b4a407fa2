using MepCms.Web.Features.Admin.Articles;
using MepCms.Web.Features.Admin.Articles.Revisions;
using MepCms.Web.Features.Admin.Calendar;
using MepCms.Web.Features.Embargo;
using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Web.Features.Admin;

public static class AdminSetup
{
    /// <summary>The back office: its policies and the domain services behind the editor and the workflow.</summary>
    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.AddAdminPolicies();
        services.AddPublicPages(o => o.PrivatePrefixes.Add("/admin"));
        services.AddScoped<ArticleEditor>();
        services.AddScoped<Articles.Autosave.Autosaves>();
        services.AddScoped<Media.MediaCredits>();
        services.AddCalendar();
        services.AddScoped<ArticleRevisions>();
        services.AddScoped<Articles.Translations.Translations>();
        services.AddScoped<Directory.DirectoryMerge>();
        services.AddEmbargoLinks();
        return services;
    }
}
