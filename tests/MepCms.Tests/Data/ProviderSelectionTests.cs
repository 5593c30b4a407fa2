using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Data.SqlServer;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace MepCms.Tests.Data;

/// <summary>DatabaseSetup alone names a provider; each provider brings its own rating store and search index.</summary>
public sealed class ProviderSelectionTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task The_app_on_sqlite_rates_through_the_queued_writer_and_searches_with_fts5()
    {
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Same(app.Services.GetRequiredService<SqliteRatingWriter>(), scope.ServiceProvider.GetRequiredService<IRatingStore>());
        Assert.Equal("SqliteSearchIndex", scope.ServiceProvider.GetRequiredService<ISearchIndex>().GetType().Name);
    }

    [Fact]
    public void Configured_for_sql_server_the_app_registers_sql_servers_store_and_index_and_no_sqlite_writer()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:MepCms"] = "Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True",
        }).Build();
        IHostEnvironment environment = new HostingEnvironment { ContentRootPath = Path.GetTempPath() };

        services.AddMepCmsDatabase(configuration, environment);

        Assert.Equal(typeof(SqlServerRatingStore), services.Single(d => d.ServiceType == typeof(IRatingStore)).ImplementationType);
        Assert.Equal("SqlServerSearchIndex", services.Single(d => d.ServiceType == typeof(ISearchIndex)).ImplementationType!.Name);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(SqliteRatingWriter));
    }
}
