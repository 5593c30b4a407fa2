using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MepCms.Web.Data.Sqlite;

public static class SqliteSetup
{
    /// <summary>The SQLite file, its pooled contexts, and SQLite's own rating writer and search index.</summary>
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services, string connectionString, string contentRoot)
    {
        var sqlite = ResolveFile(connectionString, contentRoot);
        services.AddDbContextPool<MepCmsDbContext, SqliteMepCmsDbContext>((sp, o) =>
            Configure(o, sqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
        // One writer stores every vote waiting at that moment in one transaction (docs/decisions/0068).
        services.AddSingleton<SqliteRatingWriter>();
        services.AddSingleton<IRatingStore>(sp => sp.GetRequiredService<SqliteRatingWriter>());
        services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        services.AddSingleton<SqliteStatistics>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteStatistics>());
        return services;
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        // Split queries: SQLite materialises a joined collection (statement → authors, committees,
        // topics) whole before joining it, ~200 ms at 100,000 statements; split, each is an indexed lookup (0066).
        options.UseSqlite(connectionString, o => o
                .MigrationsAssembly(typeof(MepCmsDbContext).Assembly.FullName)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
            .AddInterceptors(new SqlitePragmas());

    /// <summary>A relative SQLite file is placed under the content root, and its folder made.</summary>
    internal static string ResolveFile(string connectionString, string contentRoot)
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

    /// <summary>WAL is a property of the file: readers never wait for the writer (set once at start).</summary>
    internal static Task UseWriteAheadLogAsync(MepCmsDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
}
