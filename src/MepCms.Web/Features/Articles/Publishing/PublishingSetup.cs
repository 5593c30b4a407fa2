using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Web.Features.Articles.Publishing;

public static class PublishingSetup
{
    /// <summary>
    /// A statement's public life: the workflow, go-live (once across instances), the schedule of the
    /// next go-live, and the event they raise; the public cache listens to it.
    /// </summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddScoped<ArticleWorkflow>();
        services.AddScoped<ArticlePins>();
        services.AddScoped<Expiry>();
        services.AddScoped<ScheduledUpdates>();
        services.AddScoped<GoLive>();
        services.AddSingleton<GoLiveSignal>();
        services.AddHostedService<GoLiveService>();
        services.AddSingleton<PublicationEvents>();
        services.AddSingleton<PublishingSchedule>();
        services.AddSingleton<IPublicPageLifetime>(sp => sp.GetRequiredService<PublishingSchedule>());
        // In this order: the schedule forgets its known time before pages are evicted.
        services.AddSingleton<IPublicationListener>(sp => sp.GetRequiredService<PublishingSchedule>());
        services.AddSingleton<IPublicationListener, PublicPageEviction>();
        return services;
    }
}
