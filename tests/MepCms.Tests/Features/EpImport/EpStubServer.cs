using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MepCms.Tests.Features.EpImport;

/// <summary>
/// A stand-in for the EP's open data API on a free 127.0.0.1 port: it serves the saved fixtures under
/// <c>api/v2/</c> (the roster paged by offset and limit), one photo under <c>mepphoto/</c>, answers with
/// scripted faults, and records every request it sees with its arrival time.
/// </summary>
public sealed class EpStubServer : IAsyncDisposable
{
    public sealed record Hit(string Path, string Query, string? UserAgent, string? Accept, string? IfNoneMatch, long ArrivedAt);

    private sealed class Fault(int status, int times, string? retryAfter, TimeSpan delay)
    {
        private int _remaining = times;
        public int Status => status;
        public string? RetryAfter => retryAfter;
        public TimeSpan Delay => delay;
        public bool Take() => Interlocked.Decrement(ref _remaining) >= 0;
    }

    public static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9];
    public const string PhotoETag = "\"photo-1294-v1\"";

    private readonly ConcurrentQueue<Hit> _hits = new();
    private readonly ConcurrentDictionary<string, Fault> _faults = new();
    private readonly WebApplication _app;

    private EpStubServer(WebApplication app) => _app = app;

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep");

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri Root { get; private set; } = null!;

    public Uri ApiBase => new(Root, "api/v2/");

    public IReadOnlyList<Hit> Hits => [.. _hits];

    /// <summary>The next <paramref name="times"/> requests for <paramref name="path"/> (relative to the API or the root) get <paramref name="status"/>.</summary>
    public void Fail(string path, int status, int times = int.MaxValue, string? retryAfter = null) =>
        _faults[path] = new Fault(status, times, retryAfter, TimeSpan.Zero);

    /// <summary>The next <paramref name="times"/> requests for <paramref name="path"/> get no answer for <paramref name="delay"/>, then a 504.</summary>
    public void Stall(string path, TimeSpan delay, int times = int.MaxValue) =>
        _faults[path] = new Fault(StatusCodes.Status504GatewayTimeout, times, null, delay);

    public static async Task<EpStubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var stub = new EpStubServer(app);
        app.Run(stub.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.Root = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.TrimStart('/');
        if (path.StartsWith("api/v2/", StringComparison.Ordinal)) path = path["api/v2/".Length..];
        _hits.Enqueue(new Hit(path, request.QueryString.Value ?? "", request.Headers.UserAgent, request.Headers.Accept,
            request.Headers.IfNoneMatch, Stopwatch.GetTimestamp()));
        var response = context.Response;
        if (_faults.TryGetValue(path, out var fault) && fault.Take())
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(fault.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            response.StatusCode = fault.Status;
            if (fault.RetryAfter is not null) response.Headers.RetryAfter = fault.RetryAfter;
            return;
        }
        if (path == "mepphoto/1294.jpg")
        {
            response.Headers.ETag = PhotoETag;
            if (request.Headers.IfNoneMatch == PhotoETag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentType = "image/jpeg";
            await response.Body.WriteAsync(Photo);
            return;
        }
        var file = Path.Combine(Fixtures, path + ".json");
        if (path.Contains("..", StringComparison.Ordinal) || !File.Exists(file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        response.ContentType = "application/ld+json";
        if (path == "meps/show-current")
        {
            var offset = int.Parse(request.Query["offset"].ToString());
            var limit = int.Parse(request.Query["limit"].ToString());
            var roster = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            var page = roster["data"]!.AsArray().Skip(offset).Take(limit).Select(n => n!.DeepClone()).ToArray();
            roster["data"] = new JsonArray(page);
            await response.WriteAsync(roster.ToJsonString());
            return;
        }
        await response.SendFileAsync(file);
    }
}
