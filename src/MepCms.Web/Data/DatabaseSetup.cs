using MepCms.Web.Data.Sqlite;
using MepCms.Web.Data.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data;

/// <summary>The only place that names a database provider.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "MepCms";

    public static IServiceCollection AddMepCmsDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName) ?? DatabaseOptions.DefaultConnectionString;

        // Pooled contexts: a request reuses a context instead of building its internal services again (0067).
        // Each provider also brings its own rating store and search index.
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            services.AddSqlServerDatabase(connectionString);
        }
        else
        {
            services.AddSqliteDatabase(connectionString, environment.ContentRootPath);
        }

        // A real query: SQLite's "can connect" only looks for the file.
        services.AddHealthChecks().AddDbContextCheck<MepCmsDbContext>("database",
            customTestQuery: async (db, ct) =>
            {
                await db.Articles.AnyAsync(ct);
                return true;
            });
        return services;
    }

    /// <summary>
    /// Applies pending migrations (when configured, or when <paramref name="migrate"/> says so; a
    /// failure then stops the app) and turns on WAL for SQLite. Returns whether the database answers.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services, bool? migrate = null, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        if (migrate ?? options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        // Without migrations at start, a database that does not answer yet is reported by /health.
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }
        if (db.Database.IsSqlite())
        {
            await SqliteSetup.UseWriteAheadLogAsync(db, cancellationToken);
        }
        return true;
    }
}
