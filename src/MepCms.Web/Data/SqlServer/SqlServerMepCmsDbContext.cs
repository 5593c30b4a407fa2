using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MepCms.Web.Data.SqlServer;

/// <summary>The model on SQL Server; its migrations live in Data/SqlServer/Migrations.</summary>
public sealed class SqlServerMepCmsDbContext(DbContextOptions<SqlServerMepCmsDbContext> options) : MepCmsDbContext(options);

/// <summary>Lets `dotnet ef` build the SQL Server model without a server.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerMepCmsDbContext>
{
    public SqlServerMepCmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerMepCmsDbContext>();
        SqlServerSetup.Configure(options, "Server=localhost;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerMepCmsDbContext(options.Options);
    }
}
