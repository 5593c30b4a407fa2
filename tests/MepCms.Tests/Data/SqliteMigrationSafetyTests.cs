using MepCms.Tests.Support;
using MepCms.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MepCms.Tests.Data;

/// <summary>
/// Every SQLite migration runs inside its own transaction: a crash half-way leaves the database as it
/// was before that migration, and starting again applies it whole. No table rebuild (which EF runs with
/// <c>PRAGMA foreign_keys = 0</c>, outside any transaction, with a warning at every first start).
/// </summary>
public sealed class SqliteMigrationSafetyTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private SqliteMepCmsDbContext Context(string? connection = null) =>
        new(new DbContextOptionsBuilder<SqliteMepCmsDbContext>().UseSqlite(connection ?? $"Data Source={_database.File};Pooling=False").Options);

    [Fact]
    public void No_SQLite_migration_leaves_its_transaction()
    {
        using var db = Context("Data Source=:memory:");
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();

        var outside = new List<string>();
        for (var i = 0; i < migrations.Count; i++)
        {
            var script = migrator.GenerateScript(i == 0 ? Migration.InitialDatabase : migrations[i - 1], migrations[i]);
            if (script.Contains("PRAGMA foreign_keys = 0", StringComparison.Ordinal) || script.Contains("ef_temp_", StringComparison.Ordinal))
                outside.Add(migrations[i]);
        }

        Assert.True(outside.Count == 0, "These migrations rebuild a table outside their transaction: " + string.Join(", ", outside));
    }

    [Fact]
    public async Task A_migration_that_fails_half_way_is_rolled_back_and_the_next_start_applies_it_whole()
    {
        var migrations = Context().Database.GetMigrations().ToList();
        var directoryMerge = migrations.FindIndex(m => m.EndsWith("_DirectoryMerge", StringComparison.Ordinal));
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(migrations[directoryMerge - 1]);
            // Its first statements (the two new columns) succeed; then creating this index fails, as a crash would stop it.
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"IX_Committees_MergedIntoId\" (x INTEGER)");
            await Assert.ThrowsAsync<SqliteException>(() => db.GetService<IMigrator>().MigrateAsync(migrations[directoryMerge]));
        }

        Assert.False(await HasColumnAsync("Topics", "MergedIntoId"));
        Assert.DoesNotContain(await AppliedAsync(), m => m.EndsWith("_DirectoryMerge", StringComparison.Ordinal));

        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"IX_Committees_MergedIntoId\"");
            await db.Database.MigrateAsync();
        }
        Assert.True(await HasColumnAsync("Topics", "MergedIntoId"));
        Assert.Equal(migrations, await AppliedAsync());
        await using var check = Context();
        Assert.Equal(["ok"], await check.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").ToListAsync());
        Assert.Empty(await check.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync());
    }

    [Fact]
    public async Task A_first_start_on_a_new_database_writes_no_migration_warning()
    {
        // The tests keep EF Core's log to errors; here its warnings are what is looked for.
        await using var app = new AppInstance(_database.File, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Warning" });
        _ = app.Services;

        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Warning
            && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Migrations", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Events, e => e.RenderMessage().Contains("cannot be executed in a transaction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_columns_added_in_place_carry_their_foreign_keys()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();

        var keys = await db.Database.SqlQuery<string>($"""
            SELECT 'Topics.' || "from" || '>' || "table" || ' ' || on_delete AS "Value" FROM pragma_foreign_key_list('Topics')
            UNION ALL SELECT 'Committees.' || "from" || '>' || "table" || ' ' || on_delete FROM pragma_foreign_key_list('Committees')
            UNION ALL SELECT 'PlannedEntries.' || "from" || '>' || "table" || ' ' || on_delete FROM pragma_foreign_key_list('PlannedEntries')
            """).ToListAsync();

        Assert.Contains("Topics.MergedIntoId>Topics RESTRICT", keys);
        Assert.Contains("Committees.MergedIntoId>Committees RESTRICT", keys);
        Assert.Contains("PlannedEntries.ArticleId>Articles SET NULL", keys);
    }

    private async Task<bool> HasColumnAsync(string table, string column)
    {
        await using var db = Context();
        return (await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_table_info({table})").ToListAsync()).Contains(column);
    }

    private async Task<List<string>> AppliedAsync()
    {
        await using var db = Context();
        return (await db.Database.GetAppliedMigrationsAsync()).ToList();
    }
}
