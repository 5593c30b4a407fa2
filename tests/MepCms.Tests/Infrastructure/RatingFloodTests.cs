using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MepCms.Tests.Features.Ratings;
using MepCms.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Infrastructure;

/// <summary>
/// A rating flood from many addresses on a real Kestrel port: each of 100 loopback addresses
/// (127.0.1.x, which Linux routes to the same 127.0.0.1 listener) sends more votes than its token
/// bucket holds, all at once, while a reader on another address keeps reading. Each address gets
/// exactly its bucket's worth accepted and the rest a 429, every accepted vote is stored once and
/// the aggregates equal the ratings table, and the reader is served throughout.
/// </summary>
public sealed class RatingFloodTests : IDisposable
{
    private const int Addresses = 100;
    private const int VotesPerAddress = 8;
    private const int Bucket = 5;

    private readonly SharedDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_flood_from_many_addresses_is_limited_per_address_loses_no_vote_and_leaves_readers_served()
    {
        await using var app = new AppInstance(_database.File, new Dictionary<string, string?>
        {
            ["Ratings:RateLimit:TokenLimit"] = Bucket.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ratings:RateLimit:TokensPerPeriod"] = "1",
            ["Ratings:RateLimit:ReplenishmentPeriod"] = "01:00:00",
        });
        var statements = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            statements.Add((await app.SaveAsync(TestData.Article(app))).Slug);
        }
        using var reader = app.CreateRealClient();
        (await reader.GetAsync($"/articles/{statements[0]}")).EnsureSuccessStatusCode();

        var statuses = new ConcurrentDictionary<int, ConcurrentBag<HttpStatusCode>>();
        using var flooding = new CancellationTokenSource();
        var readerStatuses = new ConcurrentBag<HttpStatusCode>();
        var reading = Task.Run(async () =>
        {
            while (!flooding.IsCancellationRequested)
            {
                foreach (var path in new[] { "/", $"/articles/{statements[1]}" })
                {
                    readerStatuses.Add((await reader.GetAsync(path)).StatusCode);
                }
            }
        });
        var flood = Enumerable.Range(1, Addresses).Select(n => Task.Run(async () =>
        {
            using var client = ClientFrom(IPAddress.Parse($"127.0.1.{n}"), app.RealAddress);
            var mine = statuses.GetOrAdd(n, _ => []);
            await Task.WhenAll(Enumerable.Range(0, VotesPerAddress).Select(async v =>
                mine.Add((await client.RateAsync(statements[(n + v) % statements.Count], 1 + v % 5)).StatusCode)));
        }));
        await Task.WhenAll(flood);
        await flooding.CancelAsync();
        await reading;

        Assert.All(statuses.Values, mine =>
        {
            Assert.Equal(Bucket, mine.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(VotesPerAddress - Bucket, mine.Count(s => s == HttpStatusCode.TooManyRequests));
        });
        Assert.NotEmpty(readerStatuses);
        Assert.All(readerStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var (rows, counted) = await app.WithDbAsync(async db =>
            (await db.Ratings.CountAsync(), await db.Statements.SumAsync(s => s.RatingCount)));
        Assert.Equal(Addresses * Bucket, rows);
        Assert.Equal(rows, counted);
    }

    /// <summary>A client whose connections leave from <paramref name="source"/>.</summary>
    private static HttpClient ClientFrom(IPAddress source, Uri server) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = server };
}
