using System.Net;
using System.Net.Sockets;
using System.Text;
using MepCms.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>The app on a real Kestrel port on 127.0.0.1, for what the in-memory test server does not enforce.</summary>
public sealed class KestrelTestApp : MepCmsFactory
{
    public KestrelTestApp()
    {
        ListenOnLoopback();
        StartServer();
    }

    public Uri Address => RealAddress;

    /// <summary>Sends the bytes as they are (HttpClient would normalise the path) and returns the status code.</summary>
    public async Task<int> SendRawAsync(string requestLine, params string[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port);
        var stream = tcp.GetStream();
        var request = new StringBuilder(requestLine).Append("\r\nHost: localhost\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1]);
    }
}

/// <summary>Catalogue rows A6, A7, R1, R2 and R4 against Kestrel itself.</summary>
public sealed class TransportTests(KestrelTestApp app) : IClassFixture<KestrelTestApp>
{
    [Theory]
    [InlineData("GET /%2e%2e/appsettings.json HTTP/1.1")]
    [InlineData("GET /%2e%2e/web.config HTTP/1.1")]
    [InlineData("GET /articles/..%2f..%2fappsettings.json HTTP/1.1")]
    [InlineData("GET /css/..%2f..%2fappsettings.json HTTP/1.1")]
    [InlineData("GET /css/..\\..\\appsettings.json HTTP/1.1")]
    [InlineData("GET /css/%2e%2e/%2e%2e/appsettings.json HTTP/1.1")]
    [InlineData("GET /../../MepCms.Web.dll HTTP/1.1")]
    [InlineData("GET /appsettings.json HTTP/1.1")]
    [InlineData("GET /MepCms.Web.deps.json HTTP/1.1")]
    public async Task R1_paths_that_climb_out_of_wwwroot_find_nothing(string requestLine)
    {
        var status = await app.SendRawAsync(requestLine);

        Assert.True(status is 400 or 404, $"{requestLine} answered {status}");
    }

    [Theory]
    [InlineData("GET /articles/a%00b HTTP/1.1")]
    [InlineData("GET /articles/%ff%fe HTTP/1.1")]
    [InlineData("GET /css/%00.css HTTP/1.1")]
    public async Task R2_nul_and_invalid_utf8_in_a_path_answer_404_or_400(string requestLine)
    {
        var status = await app.SendRawAsync(requestLine);

        Assert.True(status is 400 or 404, $"{requestLine} answered {status}");
    }

    [Fact]
    public async Task R4_a_path_of_ten_thousand_characters_is_refused_with_414()
    {
        var status = await app.SendRawAsync($"GET /articles/{new string('a', 10_000)} HTTP/1.1");

        Assert.Equal(414, status);
    }

    [Fact]
    public async Task A6_two_hundred_headers_are_refused_with_431()
    {
        var headers = Enumerable.Range(0, 200).Select(i => $"X-Header-{i}: {i}").ToArray();

        Assert.Equal(431, await app.SendRawAsync("GET / HTTP/1.1", headers));
    }

    [Fact]
    public async Task A6_a_64_kilobyte_cookie_is_refused_with_431()
    {
        Assert.Equal(431, await app.SendRawAsync("GET / HTTP/1.1", "Cookie: big=" + new string('x', 64 * 1024)));
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("TRACK")]
    [InlineData("PROPFIND")]
    [InlineData("FOO")]
    public async Task A7_trace_and_unknown_methods_answer_405(string method)
    {
        Assert.Equal(405, await app.SendRawAsync($"{method} / HTTP/1.1"));
    }

    [Fact]
    public async Task A7_connect_is_refused_by_kestrel_itself()
    {
        Assert.Equal(400, await app.SendRawAsync("CONNECT localhost:80 HTTP/1.1"));
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself_and_sends_the_security_headers()
    {
        using var client = new HttpClient { BaseAddress = app.Address };

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ExpectedHeaders.AssertPresent(response);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(app.Address.Host)), $"listening on {app.Address}");
    }
}
