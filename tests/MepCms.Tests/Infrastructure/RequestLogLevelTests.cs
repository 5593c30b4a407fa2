using System.Net;
using MepCms.Tests.Features.Admin;
using MepCms.Tests.Features.Ratings;
using MepCms.Tests.Support;
using Microsoft.Data.Sqlite;
using Serilog.Events;

namespace MepCms.Tests.Infrastructure;

[Collection(nameof(EmbargoLoggingTests))]
public sealed class RequestLogLevelTests(LogCapturingFactory app) : IClassFixture<LogCapturingFactory>
{
    private IEnumerable<LogEvent> RequestEvents(string path) =>
        app.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\"");

    [Fact]
    public async Task A_page_built_by_the_app_logs_at_information_and_the_same_page_from_the_cache_at_debug()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var path = $"/articles/{article.Slug}";
        var reader = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/no-such-statement")).StatusCode);

        // The 404 comes last, so once it is logged, both earlier requests have been too.
        Assert.True(await app.WaitForLineAsync(l => l.Contains("/articles/no-such-statement", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Equal(LogEventLevel.Information, Assert.Single(RequestEvents(path)).Level);
    }

    [Fact]
    public async Task A_reader_who_goes_away_while_their_vote_waits_is_logged_as_a_499_at_information()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var path = $"/articles/{article.Slug}/rating";
        var client = app.CreateVisitorClient();

        // Another connection holds SQLite's write lock, so the vote waits for the writer.
        await using (var other = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False"))
        {
            await other.OpenAsync();
            using var held = other.BeginTransaction(deferred: false);
            using var leaving = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.SendAsync(RatingRequests.Post(client, article.Slug, [new("score", "4")]), leaving.Token));
            Assert.True(await app.WaitForLineAsync(l => l.Contains(path, StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        }

        var logged = Assert.Single(RequestEvents(path), e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal("499", logged.Properties["StatusCode"].ToString());
        Assert.Null(logged.Exception);
    }

    [Fact]
    public async Task A_server_error_logs_at_error()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(await app.WaitForLineAsync(l => l.Contains("/error/500", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Equal(LogEventLevel.Error, Assert.Single(RequestEvents("/error/500")).Level);
    }
}
