using System.Diagnostics;
using MepCms.Tests.Infrastructure;
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

    /// <summary>Runs the web project's own build output, the way the container's entry point does.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string connectionString)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
        var folder = Path.Combine(DeploymentTests.Root, "src", "MepCms.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(folder, "MepCms.Web.dll"), "migrate" },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__MepCms"] = connectionString,
                ["Database__Provider"] = "Sqlite",
                ["Database__MigrateOnStartup"] = "false",
                ["Admin__Email"] = MepCmsFactory.AdminEmail,
                ["Admin__Password"] = MepCmsFactory.AdminPassword,
                ["Admin__PasswordFile"] = Path.Combine(_database.Folder, "password.txt"),
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("migrate did not exit within 90 s: it must not start the web server");
        }
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => _database.Dispose();
}
