using MepCms.Web.Features.Admin.Articles;
using MepCms.Web.Features.Admin.Articles.Revisions;
using MepCms.Web.Features.Embargo;

namespace MepCms.Web.Features.Admin;

public static class AdminSetup
{
    /// <summary>The back office: its policies and the domain services behind the editor and the workflow.</summary>
    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.AddAdminPolicies();
        services.AddScoped<ArticleEditor>();
        services.AddScoped<ArticleRevisions>();
        services.AddScoped<Directory.DirectoryMerge>();
        services.AddScoped<Articles.Workflow.ArticleWorkflow>();
        services.AddEmbargoLinks();
        return services;
    }
}
