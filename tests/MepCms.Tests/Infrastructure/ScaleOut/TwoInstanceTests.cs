using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

public sealed class TwoInstanceTests(TwoInstances app) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task Both_instances_serve_the_same_statement_from_their_own_port()
    {
        var article = await app.A.SaveAsync(TestData.Article(app.A));
        using var a = app.A.CreateClient();
        using var b = app.B.CreateClient();

        Assert.NotEqual(a.BaseAddress, b.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/articles/{article.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/articles/{article.Slug}")).StatusCode);
    }

    [Fact]
    public async Task A_form_token_issued_by_one_instance_is_accepted_by_the_other()
    {
        var token = KeyRing.IssueFormToken(app.A.Services);

        Assert.True(await KeyRing.AcceptsAsync(app.B.Services, token));
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_honoured_by_the_other()
    {
        var cookie = await KeyRing.SignInAsync(app.A.Services);

        Assert.StartsWith("mepcms.auth=", cookie);
        Assert.Equal(MepCmsFactory.AdminEmail, await KeyRing.SignedInAsAsync(app.B.Services, cookie));
    }

    [Fact]
    public void Data_protected_by_one_instance_is_read_by_the_other()
    {
        var sealedText = app.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in as press officer");

        var text = app.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText);

        Assert.Equal("signed in as press officer", text);
    }

    [RedisFact]
    public async Task An_eviction_through_the_public_cache_on_one_instance_holds_for_the_other()
    {
        var storeOfA = app.A.Services.GetRequiredService<IOutputCacheStore>();
        var storeOfB = app.B.Services.GetRequiredService<IOutputCacheStore>();
        var (listPage, statementPage) = (TestData.Unique("page"), TestData.Unique("page"));
        // Both tags a publication change evicts, the first and the second.
        await storeOfB.SetAsync(listPage, "<html>cached list</html>"u8.ToArray(), [ArticleCacheTags.Lists], TimeSpan.FromMinutes(5), default);
        await storeOfB.SetAsync(statementPage, "<html>cached statement</html>"u8.ToArray(), [ArticleCacheTags.ArticlePages], TimeSpan.FromMinutes(5), default);
        // The Redis store sends a page's tag entry, and an eviction's deletes, without waiting for
        // Redis: a later command on the same connection is answered only after them. One read on
        // B's store, and one on A's after the eviction, order the test the way time orders a real
        // site (an edit comes long after the page was stored; a reader long after the edit).
        Assert.NotNull(await storeOfB.GetAsync(listPage, default));
        Assert.NotNull(await storeOfA.GetAsync(statementPage, default));

        await app.A.Services.ArticleChangedAsync(4711);
        await storeOfA.GetAsync(TestData.Unique("page"), default);

        Assert.Null(await storeOfB.GetAsync(listPage, default));
        Assert.Null(await storeOfB.GetAsync(statementPage, default));
    }

    [RedisFact]
    public async Task The_distributed_cache_is_shared_by_both_instances()
    {
        var key = TestData.Unique("entry");
        await app.A.Services.GetRequiredService<IDistributedCache>().SetStringAsync(key, "from A");

        Assert.Equal("from A", await app.B.Services.GetRequiredService<IDistributedCache>().GetStringAsync(key));
    }

    [Fact]
    public async Task A_scheduled_statement_goes_live_exactly_once_while_both_instances_run()
    {
        var article = await app.A.SaveAsync(TestData.Article(app.A, publishAt: app.A.Clock.GetUtcNow().AddMinutes(1)));
        Assert.Null(await app.A.WentLiveAtAsync(article.Id));

        app.A.Clock.Advance(TimeSpan.FromMinutes(1));
        app.B.Clock.Advance(TimeSpan.FromMinutes(1));

        await KeyRing.EventuallyAsync(async () => await app.A.WentLiveAtAsync(article.Id) is not null, "the statement went live");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the other instance's pass finish too
        Assert.Equal(1, await app.A.AuditCountAsync(GoLive.AuditAction, article.Id));
    }

    [Fact]
    public async Task Two_instances_racing_over_the_same_due_statements_take_each_live_once()
    {
        var due = app.A.Clock.GetUtcNow().AddMinutes(-1);
        var articles = new List<Article>();
        for (var i = 0; i < 8; i++)
        {
            articles.Add(await app.A.SaveAsync(TestData.Article(app.A, publishAt: due)));
        }

        await Task.WhenAll(RunGoLiveAsync(app.A), RunGoLiveAsync(app.B), RunGoLiveAsync(app.A), RunGoLiveAsync(app.B));

        foreach (var article in articles)
        {
            Assert.NotNull(await app.A.WentLiveAtAsync(article.Id));
            Assert.Equal(1, await app.A.AuditCountAsync(GoLive.AuditAction, article.Id));
        }
    }

    private static async Task<int> RunGoLiveAsync(AppInstance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(default);
    }
}
