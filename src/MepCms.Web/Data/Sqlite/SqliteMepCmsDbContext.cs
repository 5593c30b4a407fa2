using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MepCms.Web.Data.Sqlite;

/// <summary>The model on SQLite; its migrations live in Data/Sqlite/Migrations.</summary>
public sealed class SqliteMepCmsDbContext(DbContextOptions<SqliteMepCmsDbContext> options) : MepCmsDbContext(options);

/// <summary>Lets `dotnet ef` build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMepCmsDbContext>
{
    public SqliteMepCmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteMepCmsDbContext>();
        SqliteSetup.Configure(options, "Data Source=design-time.db");
        return new SqliteMepCmsDbContext(options.Options);
    }
}
