using System.Diagnostics;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Ratings;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MepCms.Tests.Features.Ratings;

/// <summary>The app on a real Kestrel port on 127.0.0.1, so requests really run in parallel over TCP.</summary>
public sealed class KestrelRatingsFactory : RatingsFactory
{
    public KestrelRatingsFactory() => ListenOnLoopback();

    public HttpClient CreateRealClient() =>
        CreateRealClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 });
}

public sealed class RatingServerTests(KestrelRatingsFactory app, ITestOutputHelper output) : IClassFixture<KestrelRatingsFactory>
{
    private readonly HttpClient _client = app.CreateRealClient();

    [Fact]
    public async Task Two_hundred_parallel_votes_over_http_count_each_reader_once_and_keep_the_aggregate_exact()
    {
        var article = await app.PublishedArticleAsync();
        var visitors = ParallelVotes.Visitors(100);
        var watch = Stopwatch.StartNew();

        var statuses = await ParallelVotes.RunAsync(visitors, async (visitor, score) => (await _client.RateAsync(article.Slug, score, visitor)).StatusCode);

        output.WriteLine($"{statuses.Length} parallel votes over HTTP in {watch.ElapsedMilliseconds} ms");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await ParallelVotes.AssertStoredAsync(app, article.Id, visitors);
    }

    [Fact]
    public async Task No_column_of_any_table_holds_a_raw_visitor_id_or_an_ip_address()
    {
        var article = await app.PublishedArticleAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _client.RateAsync(article.Slug, 1 + i)).VisitorId());
        }
        await _client.RateAsync(article.Slug, 2, ids[0]);

        var values = await AllStoredValuesAsync();

        Assert.Equal(5, (await app.StoredRatingsAsync(article.Id)).Rows);
        Assert.All(values, v => Assert.DoesNotContain("127.0.0.1", v));
        Assert.All(values, v => Assert.DoesNotContain("::1", v));
        Assert.All(ids, id => Assert.DoesNotContain(values, v => v.Contains(id, StringComparison.Ordinal)));
        Assert.All((await app.StoredRatingsAsync(article.Id)).Hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Huge_body_is_refused_unread_and_stores_nothing(int size)
    {
        var article = await app.PublishedArticleAsync();
        var request = RatingRequests.Post(_client, article.Slug, [new("score", "5"), new("padding", new string('x', size))]);

        // The server answers 413 from the declared length and closes the connection without
        // reading the body; a client still sending megabytes may see the connection cut instead.
        var status = await _client.SendAsync(request).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.StatusCode : (HttpStatusCode?)null);

        Assert.True(status is HttpStatusCode.RequestEntityTooLarge || (status is null && size > 1024 * 1024), $"answered {status}");
        Assert.Equal(0, (await app.StoredRatingsAsync(article.Id)).Rows);
    }

    [Fact]
    public async Task Huge_body_without_a_length_is_cut_off_at_the_limit()
    {
        var article = await app.PublishedArticleAsync();
        var request = RatingRequests.Post(_client, article.Slug, []);
        request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes("score=5&padding=" + new string('x', 64 * 1024))));
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await app.StoredRatingsAsync(article.Id)).Rows);
    }

    private async Task<List<string>> AllStoredValuesAsync()
    {
        var values = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.GetValue(i) switch
                    {
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes) + Convert.ToHexString(bytes),
                        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    });
                }
            }
        }
        Assert.Contains("Ratings", tables);
        return values;
    }
}
