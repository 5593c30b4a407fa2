using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.BrowserTests.Support;

/// <summary>
/// The real app as it runs in production, on a real Kestrel port of 127.0.0.1, against a fresh
/// SQLite file filled with the demo content. The file's folder is deleted when the app stops.
/// </summary>
public sealed class KestrelApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mepcms-browser-tests", Guid.NewGuid().ToString("N"));

    public KestrelApp() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the app writes the messages it sends.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MepCms"] = $"Data Source={Path.Combine(_folder, "mepcms.db")}",
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Seed:DemoContent"] = "true",
            ["EpImport:Online"] = "false", // no test reaches the internet
            ["Admin:PasswordFile"] = Path.Combine(_folder, "initial-admin-password.txt"),
            ["Ratings:VisitorHashKeyFile"] = Path.Combine(_folder, "rating-visitor-key"),
            ["Media:Folder"] = Path.Combine(_folder, "media"),
            // Every browser of the suite signs in from 127.0.0.1: at the production limit (10 a
            // minute) a journey late in the run met a 429 instead of the next page.
            ["Security:LoginAttemptsPerMinute"] = "10000",
            // Messages are written as .eml files the tests read, as in Development.
            ["Mail:Transport"] = "Pickup",
            ["Mail:PickupFolder"] = MailFolder,
            ["Mail:From"] = "press@example.eu",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts the server and answers the address it listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.Single());
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
