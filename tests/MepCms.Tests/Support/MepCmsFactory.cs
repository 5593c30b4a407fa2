using MepCms.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MepCms.Tests.Support;

/// <summary>
/// The real app on a real SQLite file of its own, with a clock the test controls.
/// One per test class (IClassFixture); the file is deleted when the class is done.
/// </summary>
public class MepCmsFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>Wednesday 10 June 2026, 10:00 UTC (12:00 in Brussels).</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 10, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mepcms-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);
    public string DatabaseFile => Path.Combine(_folder, "mepcms.db");
    public string Folder => _folder;
    public string PasswordFile => Path.Combine(_folder, "initial-admin-password.txt");

    protected virtual string EnvironmentName => "Testing";

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment(EnvironmentName);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MepCms"] = $"Data Source={DatabaseFile}",
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["Admin:PasswordFile"] = PasswordFile,
            ["Ratings:VisitorHashKeyFile"] = Path.Combine(_folder, "rating-visitor-key"),
            ["Media:Folder"] = Path.Combine(_folder, "media"),
            ["Seed:DemoContent"] = "false",
            // No test reaches the internet: the EP import's online source is off (tests give their own).
            ["EpImport:Online"] = "false",
            ["Security:LoginAttemptsPerMinute"] = "10000", // every test client shares one (missing) address
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Error",
        };
        Configure(settings);
        // UseSetting, not ConfigureAppConfiguration: Program reads some settings while it registers
        // services, before configuration sources added by the factory would be applied.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>
    /// Serves on a real Kestrel port on 127.0.0.1 (chosen by the system) instead of the in-memory
    /// test server: for parallel requests over TCP, Kestrel's own limits, and several instances.
    /// Call from the constructor.
    /// </summary>
    protected void ListenOnLoopback() => UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));

    /// <summary>The real port's address (starts the server when it is not running yet).</summary>
    public Uri RealAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single());
        }
    }

    /// <summary>A client of the real port (see <see cref="ListenOnLoopback"/>).</summary>
    public HttpClient CreateRealClient(SocketsHttpHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = RealAddress };

    /// <summary>A client that does not follow redirects, so tests see the 301s and 303s themselves.</summary>
    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task WithDbAsync(Func<MepCmsDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<MepCmsDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<MepCmsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MepCmsDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>The app as it runs in production: no developer pages, no demo content.</summary>
public sealed class ProductionFactory : MepCmsFactory
{
    protected override string EnvironmentName => "Production";
}
