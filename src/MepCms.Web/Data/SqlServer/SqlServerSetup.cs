using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MepCms.Web.Data.SqlServer;

public static class SqlServerSetup
{
    /// <summary>SQL Server's pooled contexts, and its own rating store and search index.</summary>
    public static IServiceCollection AddSqlServerDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<MepCmsDbContext, SqlServerMepCmsDbContext>((sp, o) =>
            Configure(o, connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        // Row locks let votes run side by side: one transaction per vote (docs/decisions/0068).
        services.AddScoped<IRatingStore, SqlServerRatingStore>();
        services.AddSingleton<SqlServerFullText>();
        services.AddScoped<ISearchIndex, SqlServerSearchIndex>();
        return services;
    }

    // Transient failures are retried, so every explicit transaction runs inside
    // Database.CreateExecutionStrategy().ExecuteAsync (docs/decisions).
    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.EnableRetryOnFailure(maxRetryCount: 5));
}
