using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>
/// The shared page cache (Redis) goes away and comes back (decision 0284): pages keep coming from
/// the database with no error, and a statement changed meanwhile is not served stale afterwards.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly SharedDatabase _database = new();
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = _redis.Configuration, ["Redis:Timeout"] = "00:00:00.500" };
        _a = new AppInstance(_database.File, settings);
        _a.StartServer();
        _b = new AppInstance(_database.File, settings);
        _b.StartServer();
    }

    [RedisFact]
    public async Task Pages_come_from_the_database_while_Redis_is_away_and_none_is_stale_when_it_is_back()
    {
        var article = await _a.SaveAsync(TestData.Article(_a, title: TestData.Unique("Before the outage")));
        using var a = _a.CreateClient();
        using var b = _b.CreateClient();
        var path = $"/articles/{article.Slug}";
        Assert.Contains("Before the outage", await a.GetStringAsync(path)); // now in Redis for both

        await _redis.PauseAsync();
        var duringA = await a.GetAsync(path);
        var duringB = await b.GetAsync(path);
        var home = await b.GetAsync("/");
        // The statement changes while Redis is away: its eviction cannot be made then.
        await _a.WithDbAsync(db => db.Articles.Where(x => x.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "After the outage")));
        await _a.Services.PublicSiteChangedAsync();
        var changed = await a.GetStringAsync(path);

        await _redis.ResumeAsync();
        foreach (var instance in new[] { _a, _b })
        {
            instance.Clock.Advance(TimeSpan.FromSeconds(11)); // past Redis:RetryAfter
        }
        var afterB = await b.GetStringAsync(path);
        var afterA = await a.GetStringAsync(path);
        var cachedAgain = await b.GetStringAsync(path);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (duringA.StatusCode, duringB.StatusCode, home.StatusCode));
        Assert.Contains("Before the outage", await duringB.Content.ReadAsStringAsync());
        Assert.Contains("After the outage", changed);
        Assert.Contains("After the outage", afterB);
        Assert.Contains("After the outage", afterA);
        Assert.Contains("After the outage", cachedAgain);
        Assert.DoesNotContain(_a.Logs.Events.Concat(_b.Logs.Events), e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        _database.Dispose();
    }
}
