using MepCms.Tests.Infrastructure;
using MepCms.Web.Data.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace MepCms.Tests.Data;

/// <summary>What several instances on SQL Server rely on, checked without a server.</summary>
public sealed class ScaleOutSchemaTests
{
    [Fact]
    public void Sql_server_script_creates_the_key_ring_table_and_the_go_live_marker()
    {
        using var db = SqlServerAsTheAppConfiguresIt();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
        Assert.Contains("[Xml] nvarchar(max) NULL", script);
        Assert.Contains("ALTER TABLE [Articles] ADD [WentLiveAt] datetime2 NULL", script);
        Assert.Contains("UPDATE [Articles] SET [WentLiveAt] = [PublishAt]", script);
    }

    [Fact]
    public void The_app_retries_transient_sql_server_failures()
    {
        using var db = SqlServerAsTheAppConfiguresIt();

        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public void Every_explicit_transaction_runs_inside_the_execution_strategy()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(DeploymentTests.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            // EF Core's transactions; SQLite's own ADO.NET connection (the rating writer, 0068) has no retrying strategy.
            .Where(f => File.ReadAllText(f).Contains("Database.BeginTransaction"))
            .Where(f => !File.ReadAllText(f).Contains("CreateExecutionStrategy().ExecuteAsync"))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders); // see docs/decisions/0050
    }

    private static SqlServerMepCmsDbContext SqlServerAsTheAppConfiguresIt()
    {
        var options = new DbContextOptionsBuilder<SqlServerMepCmsDbContext>();
        MepCms.Web.Data.SqlServer.SqlServerSetup.Configure(options, "Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerMepCmsDbContext(options.Options);
    }
}
