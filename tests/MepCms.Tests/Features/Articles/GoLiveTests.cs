using System.Security.Claims;
using MepCms.Tests.Infrastructure.ScaleOut;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Articles;

public sealed class GoLiveTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task A_scheduled_statement_goes_live_within_one_period_of_its_time_and_not_before()
    {
        var publishAt = app.Clock.GetUtcNow().AddMinutes(10);
        var article = await app.SaveAsync(TestData.Article(app, publishAt: publishAt));

        app.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        Assert.Null(await app.WentLiveAtAsync(article.Id));

        app.Clock.Advance(GoLiveService.Period + TimeSpan.FromSeconds(1));

        await KeyRing.EventuallyAsync(async () => await app.WentLiveAtAsync(article.Id) is not null, "the statement went live");
        Assert.Equal(1, await app.AuditCountAsync(GoLive.AuditAction, article.Id));
        Assert.True(GoLiveService.Period <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Going_live_evicts_the_cached_pages_of_the_statement_and_writes_one_audit_entry()
    {
        var article = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddSeconds(-1)));
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        var key = TestData.Unique("home");
        await store.SetAsync(key, "<html>old list</html>"u8.ToArray(), [ArticleCacheTags.Lists], TimeSpan.FromMinutes(5), default);

        await RunAsync();
        var again = await RunAsync();

        Assert.Equal(0, again);
        Assert.Null(await store.GetAsync(key, default));
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == GoLive.AuditAction && e.EntityId == article.Id.ToString()));
        Assert.Equal("system", entry.UserName);
        Assert.Contains(article.Slug, entry.Summary);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, await app.WentLiveAtAsync(article.Id));
    }

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.InReview)]
    [InlineData(ArticleStatus.Unpublished)]
    public async Task A_statement_that_is_not_published_never_goes_live(ArticleStatus status)
    {
        var article = TestData.Article(app, status: status);
        article.PublishAt = app.Clock.GetUtcNow().AddHours(-1).UtcDateTime;
        await app.SaveAsync(article);

        await RunAsync();

        Assert.Null(await app.WentLiveAtAsync(article.Id));
        Assert.Equal(0, await app.AuditCountAsync(GoLive.AuditAction, article.Id));
    }

    [Fact]
    public async Task A_statement_unpublished_and_scheduled_again_goes_live_again_at_its_new_time()
    {
        var article = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddSeconds(-1)));
        await RunAsync();
        var editor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "editor-1")], "test"));
        var newTime = app.Clock.GetUtcNow().AddHours(2).UtcDateTime;

        await TransitionAsync(article.Id, Transition.Unpublish, editor, null);
        await TransitionAsync(article.Id, Transition.Schedule, editor, newTime);
        await RunAsync();
        Assert.Null(await app.WentLiveAtAsync(article.Id));
        app.Clock.SetUtcNow(newTime);
        await RunAsync();

        Assert.Equal(newTime, await app.WentLiveAtAsync(article.Id));
        Assert.Equal(2, await app.AuditCountAsync(GoLive.AuditAction, article.Id));
    }

    private async Task TransitionAsync(int articleId, Transition transition, ClaimsPrincipal user, DateTime? publishAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCms.Web.Data.MepCmsDbContext>();
        var article = await db.Articles.SingleAsync(a => a.Id == articleId);
        var outcome = await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().ApplyAsync(article, transition, user, publishAt, default);
        Assert.Equal(TransitionOutcome.Done, outcome);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(default);
    }
}
