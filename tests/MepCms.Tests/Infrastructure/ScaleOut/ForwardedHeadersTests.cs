using System.Net;
using MepCms.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>X-Forwarded-For and -Proto count only when they come from a configured proxy.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    [Fact]
    public async Task Without_trusted_proxies_forwarded_headers_are_ignored()
    {
        var seen = new SeenByApp();
        await using var app = Start(seen, new Dictionary<string, string?>());

        var page = await GetHomeAsync(app, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Loopback, seen.ClientAddress);
        Assert.Equal("http", seen.Scheme);
        Assert.StartsWith("http://", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_trusted_proxy_gives_the_client_address_and_scheme()
    {
        var seen = new SeenByApp();
        await using var app = Start(seen, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

        var page = await GetHomeAsync(app, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), seen.ClientAddress);
        Assert.Equal("https", seen.Scheme);
        Assert.StartsWith("https://", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_trusted_network_is_trusted_and_addresses_a_client_put_in_front_are_not()
    {
        var seen = new SeenByApp();
        await using var app = Start(seen, new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });

        await GetHomeAsync(app, forwardedFor: "198.51.100.66, 203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), seen.ClientAddress);
    }

    [Fact]
    public async Task The_client_address_is_not_written_to_the_logs()
    {
        var seen = new SeenByApp();
        await using var app = Start(seen, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Serilog:MinimumLevel:Default"] = "Information",
        });

        await GetHomeAsync(app, forwardedFor: "203.0.113.7", forwardedProto: "https");

        await KeyRing.EventuallyAsync(() => Task.FromResult(app.Logs.Events.Any(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal))),
            "the request was logged");
        Assert.DoesNotContain(app.Logs.Events, e => e.Properties.Values.Any(v => v.ToString().Contains("203.0.113.7")));
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_stops_the_app_at_start()
    {
        var app = new AppInstance(_database.File, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "proxy.example" });

        Assert.Throws<OptionsValidationException>(app.StartServer);
        app.Dispose();
    }

    private AppInstance Start(SeenByApp seen, Dictionary<string, string?> settings)
    {
        var app = new AppInstance(_database.File, settings, services => services.AddSingleton<IStartupFilter>(seen));
        app.StartServer();
        return app;
    }

    private static async Task<AngleSharp.Dom.IDocument> GetHomeAsync(AppInstance app, string forwardedFor, string forwardedProto)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Wraps the app's pipeline and notes the client address and scheme the app ended up with.</summary>
    private sealed class SeenByApp : IStartupFilter
    {
        public IPAddress? ClientAddress { get; private set; }
        public string? Scheme { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                if (context.Request.Path == "/")
                {
                    ClientAddress = context.Connection.RemoteIpAddress?.IsIPv4MappedToIPv6 == true
                        ? context.Connection.RemoteIpAddress.MapToIPv4() : context.Connection.RemoteIpAddress;
                    Scheme = context.Request.Scheme;
                }
            });
            next(app);
        };
    }
}
