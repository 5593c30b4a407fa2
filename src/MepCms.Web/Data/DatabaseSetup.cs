using MepCms.Web.Data.Sqlite;
using MepCms.Web.Data.SqlServer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<MepCmsDbContext, SqlServerMepCmsDbContext>((sp, o) =>
                    ConfigureSqlServer(o, connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                var sqlite = ResolveSqliteFile(connectionString, environment.ContentRootPath);
                services.AddDbContextPool<MepCmsDbContext, SqliteMepCmsDbContext>((sp, o) =>
                    ConfigureSqlite(o, sqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
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

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        // Split queries: SQLite materialises a joined collection (statement → authors, committees,
        // topics) whole before joining it, ~200 ms at 100,000 statements; split, each is an indexed lookup (0066).
        options.UseSqlite(connectionString, o => o
                .MigrationsAssembly(typeof(MepCmsDbContext).Assembly.FullName)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(new SqlitePragmas());

    // Transient failures are retried, so every explicit transaction runs inside
    // Database.CreateExecutionStrategy().ExecuteAsync (docs/decisions).
    internal static DbContextOptionsBuilder ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.EnableRetryOnFailure(maxRetryCount: 5));

    /// <summary>A relative SQLite file is placed under the content root, and its folder made.</summary>
    internal static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(contentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.Pooling = true;
        return builder.ToString();
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
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
        return true;
    }
}
