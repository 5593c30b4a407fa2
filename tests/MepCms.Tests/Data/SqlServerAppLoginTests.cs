using MepCms.Web.Data.SqlServer;

namespace MepCms.Tests.Data;

/// <summary>The web instances' own SQL Server login, checked without a server: what the migrate step runs.</summary>
public sealed class SqlServerAppLoginTests
{
    [Theory]
    [InlineData("mepcms_app", "S3cret!pass", null)]
    [InlineData("sa", "S3cret!pass", "must not be sa")]
    [InlineData("app]; DROP LOGIN sa; --", "S3cret!pass", "plain name")]
    [InlineData("1app", "S3cret!pass", "plain name")]
    [InlineData("mepcms_app", "", "must be set")]
    public void Only_a_plain_name_other_than_sa_with_a_password_is_accepted(string login, string password, string? problem)
    {
        var said = SqlServerAppLogin.Problem(login, password);

        if (problem is null) Assert.Null(said);
        else Assert.Contains(problem, said);
    }

    [Fact]
    public void The_script_is_idempotent_parameterised_and_grants_rows_only()
    {
        var script = SqlServerAppLogin.Script;

        Assert.Contains("IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @login)", script);
        Assert.Contains("IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @login)", script);
        Assert.Contains("ALTER LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = ' + QUOTENAME(@password, N'''')", script);
        Assert.Contains("db_datareader", script);
        Assert.Contains("db_datawriter", script);
        Assert.DoesNotContain("db_owner", script);
        Assert.DoesNotContain("db_ddladmin", script);
        Assert.DoesNotContain("GRANT CONTROL", script);
        // Every value reaches the dynamic statements through QUOTENAME, never pasted in.
        Assert.DoesNotContain("{", script);
    }
}
