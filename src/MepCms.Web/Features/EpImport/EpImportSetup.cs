namespace MepCms.Web.Features.EpImport;

public static class EpImportSetup
{
    /// <summary>The import from the European Parliament's open data: the importer and its sources.</summary>
    public static IServiceCollection AddEpImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddEpImportHttp(configuration);
        if (configuration.GetValue(EpImportOptions.Section + ":" + nameof(EpImportOptions.Online), true))
        {
            // The online source; without it the back office and import-ep offer saved files only.
            services.AddScoped<IEpSource>(sp => sp.GetRequiredService<EpApiClient>());
        }
        services.AddScoped<EpImporter>();
        services.AddOptions<EpScheduleOptions>().BindConfiguration(EpScheduleOptions.Section);
        services.AddSingleton<EpImportSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<EpImportSchedule>());
        return services;
    }
}
