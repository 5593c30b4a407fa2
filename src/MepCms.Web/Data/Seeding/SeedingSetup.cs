using Microsoft.Extensions.Options;

namespace MepCms.Web.Data.Seeding;

public static class SeedingSetup
{
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddScoped<AdminSeeder>();
        services.AddScoped<DemoContentSeeder>();
        return services;
    }

    /// <summary>Startup work, in order: the schema, the roles and first admin, then the demo content.</summary>
    public static async Task PrepareAsync(this WebApplication app, bool? migrate = null)
    {
        if (!await app.Services.PrepareDatabaseAsync(migrate))
        {
            app.Logger.LogError("The database does not answer; seeding is skipped and /health reports it");
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
        // The readers' hash key, read (or made) now rather than by the first reader who rates.
        app.Services.GetRequiredService<Features.Ratings.VisitorIdentity>().EnsureKey();
        if (scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.DemoContent)
        {
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync();
        }
    }
}
