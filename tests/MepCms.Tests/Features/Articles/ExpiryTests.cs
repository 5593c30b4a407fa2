using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Articles;

/// <summary>A statement leaves the public site at its unpublish time, like a go-live in reverse.</summary>
public sealed class ExpiryTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    [Fact]
    public async Task At_its_unpublish_time_a_statement_leaves_the_cached_pages_and_two_instances_unpublish_it_once()
    {
        var article = TestData.Article(app, title: "Valid until the vote");
        article.UnpublishAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        await app.SaveAsync(article);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/articles/{article.Slug}")).StatusCode);
        Assert.Contains(article.Title, await _reader.GetStringAsync("/"));

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var page = await _reader.GetAsync($"/articles/{article.Slug}");
        var home = await _reader.GetStringAsync("/");
        await Task.WhenAll(RunExpiryAsync(), RunExpiryAsync(), RunExpiryAsync());

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(article.Title, home);
        Assert.Equal(ArticleStatus.Unpublished, (await app.ReloadAsync(article.Id)).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleExpired)));
    }

    [Fact]
    public async Task Editors_set_and_cancel_an_unpublish_time_the_dashboard_lists_it_and_bad_times_are_refused()
    {
        var live = await app.SaveAsync(TestData.Article(app, title: "Leaving on Friday"));
        var scheduled = await app.SaveAsync(TestData.Article(app, title: "Scheduled with an end", publishAt: app.Clock.GetUtcNow().AddDays(1)));
        var draft = await app.SaveAsync(TestData.Article(app, title: "Draft with no end", status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        DateTime InBrussels(TimeSpan from) => BrusselsTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime + from);

        await SetAsync(editor, live.Id, InBrussels(TimeSpan.FromDays(3)));
        var dashboard = Html.Parse(await editor.Client.GetStringAsync("/admin"));
        await SetAsync(editor, live.Id, InBrussels(TimeSpan.FromMinutes(-5)));
        var past = await editor.Client.GetStringAsync($"/admin/articles/{live.Id}/edit");
        await SetAsync(editor, scheduled.Id, InBrussels(TimeSpan.FromHours(12)));
        var beforeStart = await editor.Client.GetStringAsync($"/admin/articles/{scheduled.Id}/edit");
        await SetAsync(editor, draft.Id, InBrussels(TimeSpan.FromDays(1)));
        var onDraft = await editor.Client.GetStringAsync($"/admin/articles/{draft.Id}/edit");
        await editor.Client.PostFormAsync($"/admin/articles/{live.Id}/edit", $"/admin/articles/{live.Id}/unpublish-at/cancel", []);

        var leaving = dashboard.QuerySelectorAll(".admin-panel").Single(p => p.QuerySelector("h2")!.TextContent == "Leaving the site");
        Assert.Contains("Leaving on Friday", leaving.TextContent);
        Assert.Contains("That time has passed", past);
        Assert.Contains("must come after the publish time", beforeStart);
        Assert.Contains("Only a published or scheduled statement", onDraft);
        Assert.Null((await app.ReloadAsync(live.Id)).UnpublishAt);
        Assert.Null((await app.ReloadAsync(scheduled.Id)).UnpublishAt);
        Assert.Equal([AuditActions.ArticleExpiryScheduled, AuditActions.ArticleExpiryCancelled], await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.EntityId == live.Id.ToString() && e.Action.StartsWith("Article.Expiry")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await SetAsync(editor, 999_999, InBrussels(TimeSpan.FromDays(1)))).StatusCode);
    }

    [Fact]
    public async Task Publishing_again_after_the_unpublish_time_puts_it_back_for_good()
    {
        var article = TestData.Article(app, title: "Back after expiry");
        article.UnpublishAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        await app.SaveAsync(article);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunExpiryAsync();
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/edit", $"/admin/articles/{article.Id}/publish", []);

        Assert.Null((await app.ReloadAsync(article.Id)).UnpublishAt);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/articles/{article.Slug}")).StatusCode);
    }

    private static Task<HttpResponseMessage> SetAsync(StaffMember editor, int id, DateTime brussels) =>
        editor.Client.PostFormAsync("/admin/articles", $"/admin/articles/{id}/unpublish-at",
            new() { ["UnpublishAt"] = brussels.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });

    // One instance's pass (each call its own scope, as each instance has its own).
    private async Task RunExpiryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Expiry>().RunAsync(default);
    }
}
