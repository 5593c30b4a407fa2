using MepCms.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Data;

/// <summary>`dotnet MepCms.Web.dll migrate`, run as the compose migrate step runs it.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    [Fact]
    public async Task Migrate_applies_the_migrations_creates_the_first_admin_and_exits_without_serving()
    {
        var (exitCode, output) = await RunAsync($"Data Source={_database.File}");

        Assert.True(exitCode == 0, output);
        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(Migrations(), await CountAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsHistory"));
        Assert.Equal(1, await CountAsync(connection, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.DoesNotContain("Now listening on", output);
    }

    [Fact]
    public async Task Migrate_fails_with_a_non_zero_exit_code_when_the_database_cannot_be_migrated()
    {
        var (exitCode, output) = await RunAsync($"Data Source={Path.Combine(_database.Folder, "missing.db")};Mode=ReadOnly");

        Assert.True(exitCode != 0, output);
        Assert.Contains("Migrating the database failed", output);
    }

    private static long Migrations()
    {
        using var db = new MepCms.Web.Data.Sqlite.SqliteMepCmsDbContext(
            new DbContextOptionsBuilder<MepCms.Web.Data.Sqlite.SqliteMepCmsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().Count();
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<(int ExitCode, string Output)> RunAsync(string connectionString) =>
        WebCommand.RunAsync(_database, ["migrate"], connectionString: connectionString);

    public void Dispose() => _database.Dispose();
}
