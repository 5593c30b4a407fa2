using MepCms.Tests.Support;
using MepCms.Web.Features.EpImport;
using Microsoft.Data.Sqlite;

namespace MepCms.Tests.Features.EpImport;

/// <summary><c>dotnet MepCms.Web.dll import-ep …</c>, run as an operator runs it, against saved EP answers (offline).</summary>
public sealed class EpImportCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> Migrating = new() { ["Database__MigrateOnStartup"] = "true" };
    private readonly SharedDatabase _database = new();
    private readonly EpFixtureCopy _files = new();

    public void Dispose()
    {
        _database.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Import_from_saved_files_prints_the_changes_and_a_summary_and_a_second_run_finds_nothing_to_do()
    {
        var (exitCode, output) = await RunAsync("--meps", "1294,197403", "--from", _files.Root);

        Assert.True(exitCode == 0, output);
        Assert.Contains("new      197403    Marie Dupont", output);
        Assert.Contains("Imported from files: 2 new, 0 linked, 0 changed, 0 unchanged, 0 left, 0 errors", output);
        Assert.DoesNotContain("Now listening on", output);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM Authors WHERE EpId IN ('1294', '197403')"));

        (exitCode, output) = await RunAsync("--meps", "1294,197403", "--from", _files.Root);

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 new, 0 linked, 0 changed, 2 unchanged", output);
    }

    [Fact]
    public async Task A_dry_run_prints_the_preview_and_writes_nothing()
    {
        var (exitCode, output) = await RunAsync("--all", "--from", _files.Root, "--dry-run");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Dry run, nothing written: 3 new", output);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Authors WHERE EpId IS NOT NULL"));
    }

    [Fact]
    public async Task An_MEP_that_cannot_be_read_exits_1_and_nothing_is_written()
    {
        _files.Write("meps/197403.json", "not json"u8.ToArray());

        var (exitCode, output) = await RunAsync("--meps", "1294,197403", "--from", _files.Root);

        Assert.True(exitCode == 1, output);
        Assert.Contains("error    197403", output);
        Assert.Contains("Nothing was written", output);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Authors WHERE EpId IS NOT NULL"));
    }

    [Theory]
    [InlineData("--meps")]
    [InlineData("--all|--meps|1294")]
    [InlineData("--meps|1294;DROP TABLE Authors")]
    [InlineData("--meps|1294,../x")]
    [InlineData("--meps|1294|--from|/no/such/folder")]
    [InlineData("--meps|1294|--verbose")]
    [InlineData("--all|--all")]
    [InlineData("")]
    public void Bad_arguments_are_refused_with_a_reason(string line)
    {
        var (arguments, error) = EpImportCommand.Parse(line.Split('|', StringSplitOptions.RemoveEmptyEntries));

        Assert.Null(arguments);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_the_usage_before_touching_the_database()
    {
        var (exitCode, output) = await RunAsync("--meps", "1294", "--all");

        Assert.True(exitCode == 2, output);
        Assert.Contains(EpImportCommand.Usage, output);
        Assert.False(File.Exists(_database.File));
    }

    [Fact]
    public void Good_arguments_are_read()
    {
        var (arguments, _) = EpImportCommand.Parse(["--meps", "1294, 197403", "--from", _files.Root, "--dry-run"]);

        Assert.Equal(["1294", "197403"], arguments!.Request.MepIds);
        Assert.False(arguments.Request.AllCurrent);
        Assert.Equal((_files.Root, true), (arguments.From, arguments.DryRun));
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        WebCommand.RunAsync(_database, ["import-ep", .. args], Migrating);

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
