using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Tests.Features.Admin;

public sealed class EmbargoTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private async Task<string> LinkAsync(int articleId)
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var response = await editor.Client.PostFormAsync("/admin/articles/new", $"/admin/articles/{articleId}/embargo", []);
        var url = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#embargo-url")!.GetAttribute("value")!;
        return new Uri(url).PathAndQuery;
    }

    [Fact]
    public async Task An_embargo_link_shows_a_scheduled_statement_marked_with_its_embargo_time()
    {
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1)));
        var link = await LinkAsync(scheduled.Id);

        var response = await app.CreateBrowserlessClient().GetAsync(link);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/embargo?token=", link, StringComparison.Ordinal);
        Assert.Equal($"Embargoed until {BrusselsTime.DateTimeText(scheduled.PublishAt!.Value)} Brussels time", page.QuerySelector(".marked-banner__mark")!.TextContent);
        Assert.Equal(scheduled.Title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task An_embargo_link_stops_working_when_it_expires()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var link = await LinkAsync(draft.Id);
        var reader = app.CreateBrowserlessClient();

        var before = await reader.GetAsync(link);
        app.Clock.Advance(TimeSpan.FromHours(48));
        var after = await reader.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.DoesNotContain(draft.Title, await after.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=abc")]
    [InlineData("?token=CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_missing_or_forged_token_finds_nothing(string query)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync("/embargo" + query)).StatusCode);
    }

    [Fact]
    public async Task A_token_altered_by_one_character_finds_nothing()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var link = await LinkAsync(draft.Id);
        var last = link[^1];
        var altered = link[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync(link + "A")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_statement_is_not_shown_through_an_old_link()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Unpublished));
        var link = await LinkAsync(article.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync(link)).StatusCode);
    }
}
