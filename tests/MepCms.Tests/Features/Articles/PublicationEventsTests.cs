using System.Collections.Concurrent;
using System.Security.Claims;
using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Articles;

/// <summary>The app with one more listener of publication changes, as e-mail alerts will be.</summary>
public sealed class ListeningFactory : MepCmsFactory
{
    public RecordingListener Heard { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IPublicationListener>(Heard));
    }
}

public sealed class RecordingListener : IPublicationListener
{
    public ConcurrentQueue<PublicationChanged> Changes { get; } = new();

    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken)
    {
        Changes.Enqueue(change);
        return Task.CompletedTask;
    }

    public int Count(int articleId, PublicationChange change) => Changes.Count(c => c.ArticleId == articleId && c.Change == change);

    /// <summary>
    /// Waits (bounded) until a change is heard: the app's own go-live service may claim a statement
    /// before a test's pass does, and raise its event a moment after the test's pass returned.
    /// </summary>
    public async Task<bool> HeardAsync(int articleId, PublicationChange change, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Count(articleId, change) == 0)
        {
            try { await Task.Delay(20, cancel.Token); } catch (TaskCanceledException) { return false; }
        }
        return true;
    }
}

/// <summary>Publishing raises one event, after the commit, that any feature can listen to.</summary>
public sealed class PublicationEventsTests(ListeningFactory app) : IClassFixture<ListeningFactory>
{
    private static readonly ClaimsPrincipal Editor = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "editor-1")], "test"));

    [Fact]
    public async Task Publishing_a_statement_raises_published_then_its_go_live_raises_went_live_exactly_once()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: MepCms.Web.Features.Articles.ArticleStatus.Draft));

        await TransitionAsync(article.Id, Transition.Publish);
        await GoLiveAsync();
        await GoLiveAsync();
        var heard = await app.Heard.HeardAsync(article.Id, PublicationChange.WentLive, TimeSpan.FromSeconds(10));
        await GoLiveAsync();

        Assert.True(heard);
        Assert.Equal(1, app.Heard.Count(article.Id, PublicationChange.Published));
        Assert.Equal(1, app.Heard.Count(article.Id, PublicationChange.WentLive));
    }

    [Fact]
    public async Task Scheduling_a_statement_raises_scheduled_and_the_schedule_then_knows_its_time()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: MepCms.Web.Features.Articles.ArticleStatus.Draft));
        var at = app.Clock.GetUtcNow().AddMinutes(30);

        await TransitionAsync(article.Id, Transition.Schedule, at.UtcDateTime);

        Assert.Equal(1, app.Heard.Count(article.Id, PublicationChange.Scheduled));
        Assert.Equal(TimeSpan.FromMinutes(30), await app.Services.GetRequiredService<PublishingSchedule>().TimeUntilNextChangeAsync(default));
    }

    [Fact]
    public async Task Submitting_a_draft_for_review_changes_nothing_public_and_raises_nothing()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: MepCms.Web.Features.Articles.ArticleStatus.Draft));

        await TransitionAsync(article.Id, Transition.Submit);

        Assert.DoesNotContain(app.Heard.Changes, c => c.ArticleId == article.Id);
    }

    private async Task TransitionAsync(int articleId, Transition transition, DateTime? publishAt = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var article = await db.Articles.SingleAsync(a => a.Id == articleId);
        Assert.Equal(TransitionOutcome.Done, await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().ApplyAsync(article, transition, Editor, publishAt, default));
    }

    private async Task GoLiveAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(default);
    }
}
