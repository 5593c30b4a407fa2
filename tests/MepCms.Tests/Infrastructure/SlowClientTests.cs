using System.Net;
using System.Net.Sockets;
using System.Text;
using MepCms.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Infrastructure;

/// <summary>
/// Slow clients and idle connections on a real Kestrel port: a client that sends its headers or its
/// body a trickle at a time is cut off, a thousand idle connections are held, and meanwhile everyone
/// else is served (Kestrel's limits, set in appsettings.json under <c>Kestrel:Limits</c>).
/// </summary>
public sealed class SlowClientTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void The_limits_of_the_settings_reach_Kestrel()
    {
        using var app = new AppInstance(_database.File);

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.KeepAliveTimeout);
        Assert.Equal(5000, limits.MaxConcurrentConnections);
        Assert.Equal(240, limits.MinRequestBodyDataRate!.BytesPerSecond);
    }

    [Fact]
    public async Task A_client_that_trickles_its_headers_is_cut_off_and_others_are_served_meanwhile()
    {
        await using var app = new AppInstance(_database.File, new Dictionary<string, string?> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:02" });
        var address = app.RealAddress;
        using var client = app.CreateRealClient();
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: localhost\r\n"u8.ToArray());

        var closed = ClosedAsync(stream, async () =>
        {
            // One header line a second, never the blank line that ends them.
            for (var i = 0; i < 10; i++)
            {
                await Task.Delay(1000);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Slow-{i}: {i}\r\n"));
            }
        });
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            await Task.Delay(200);
        }

        Assert.True(await closed, "Kestrel kept a connection whose headers never ended past RequestHeadersTimeout");
    }

    [Fact]
    public async Task A_client_that_trickles_a_body_is_cut_off_with_a_408()
    {
        await using var app = new AppInstance(_database.File);
        var address = app.RealAddress;
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = slow.GetStream();
        // A rating form (small enough for its limit, from the site's own origin) whose body never comes.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /articles/none/rating HTTP/1.1\r\nHost: {address.Authority}\r\nOrigin: {address.GetLeftPart(UriPartial.Authority)}\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"));
        var answer = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            int read;
            try { while ((read = await stream.ReadAsync(buffer)) > 0) answer.Append(Encoding.ASCII.GetString(buffer, 0, read)); }
            catch (IOException) { }
        });

        // One byte a second: under 240 bytes a second once the 5-second grace is over.
        for (var i = 0; i < 15 && !reading.IsCompleted; i++)
        {
            await Task.Delay(1000);
            try { await stream.WriteAsync("s"u8.ToArray()); } catch (IOException) { break; }
        }
        await Task.WhenAny(reading, Task.Delay(3000));

        Assert.True(reading.IsCompleted, "Kestrel kept reading a body sent at one byte a second");
        Assert.StartsWith("HTTP/1.1 408", answer.ToString());
    }

    [Fact]
    public async Task A_thousand_idle_connections_are_held_and_the_site_keeps_answering()
    {
        await using var app = new AppInstance(_database.File);
        var address = app.RealAddress;
        using var client = app.CreateRealClient();
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                var connection = new TcpClient();
                await connection.ConnectAsync(IPAddress.Loopback, address.Port);
                idle.Add(connection);
            }

            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        finally
        {
            foreach (var connection in idle) connection.Dispose();
        }
    }

    /// <summary>True when the server closes (or resets) the connection while <paramref name="trickle"/> runs.</summary>
    private static async Task<bool> ClosedAsync(NetworkStream stream, Func<Task> trickle)
    {
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer) > 0)
                {
                    // a 408 or 400 answer may come first; the close follows
                }
                return true;
            }
            catch (IOException)
            {
                return true;
            }
        });
        try
        {
            var writing = trickle();
            var first = await Task.WhenAny(reading, writing);
            if (first == reading) return await reading;
            await writing;
        }
        catch (IOException)
        {
            return true; // the server closed it while we were writing
        }
        var done = await Task.WhenAny(reading, Task.Delay(3000));
        return done == reading && await reading;
    }
}
