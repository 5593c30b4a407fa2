namespace MepCms.Web.Features.EpImport;

public static class EpImportSetup
{
    /// <summary>The import from the European Parliament's open data: the importer and its sources.</summary>
    public static IServiceCollection AddEpImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddScoped<EpImporter>();
        services.AddOptions<EpScheduleOptions>().BindConfiguration(EpScheduleOptions.Section);
        services.AddSingleton<EpImportSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<EpImportSchedule>());
        return services;
    }
}
