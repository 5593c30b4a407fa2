using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Home;

public sealed class HomePageTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Home_lists_published_statements_only_newest_first()
    {
        var author = TestData.Author("Maren Example");
        var older = await app.SaveAsync(TestData.Article(app, title: "Older statement", publishAt: app.Clock.GetUtcNow().AddDays(-2), authors: author));
        var newer = await app.SaveAsync(TestData.Article(app, title: "Newer statement", publishAt: app.Clock.GetUtcNow().AddHours(-1), authors: author));
        var draft = await app.SaveAsync(TestData.Article(app, title: "Secret draft", status: ArticleStatus.Draft));
        var future = await app.SaveAsync(TestData.Article(app, title: "Future statement", publishAt: app.Clock.GetUtcNow().AddDays(1)));

        var page = await _client.GetDocumentAsync("/");
        var titles = page.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()).ToList();

        Assert.True(titles.IndexOf(newer.Title) < titles.IndexOf(older.Title));
        Assert.DoesNotContain(draft.Title, titles);
        Assert.DoesNotContain(future.Title, titles);
        Assert.Contains("Maren Example", page.QuerySelector(".article-card__meta")!.TextContent);
    }

    [Fact]
    public async Task A_list_shows_a_compact_average_for_a_rated_statement_and_nothing_for_an_unrated_one()
    {
        var rated = TestData.Article(app, title: "Rated in the list", publishAt: app.Clock.GetUtcNow().AddMinutes(-2));
        (rated.Statement.RatingCount, rated.Statement.RatingSum) = (3, 13);
        await app.SaveAsync(rated);
        var unrated = await app.SaveAsync(TestData.Article(app, title: "Not rated yet", publishAt: app.Clock.GetUtcNow().AddMinutes(-1)));

        var page = await _client.GetDocumentAsync("/");
        var cards = page.QuerySelectorAll(".article-card").ToDictionary(c => c.QuerySelector(".article-card__title")!.TextContent.Trim());

        Assert.Equal("Rated 4.3 / 5 (3 ratings)", cards[rated.Title].QuerySelector(".article-card__rating")!.TextContent);
        Assert.Null(cards[unrated.Title].QuerySelector(".article-card__rating"));
        Assert.DoesNotContain("No ratings yet", page.QuerySelector(".article-list")!.TextContent);
    }

    [Fact]
    public async Task Home_pages_through_statements_with_prev_and_next_links()
    {
        var total = await app.WithDbAsync(db => db.Articles.Visible(app.Clock).CountAsync());
        for (var i = total; i < 23; i++)
        {
            await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(-10 - i)));
        }

        var first = await _client.GetDocumentAsync("/");
        var second = await _client.GetDocumentAsync("/?page=2");

        Assert.Equal(10, first.QuerySelectorAll(".article-card").Length);
        Assert.Equal("/?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.EndsWith("/?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/?page=abc", HttpStatusCode.OK)]
    [InlineData("/?page=-1", HttpStatusCode.OK)]
    [InlineData("/?page=0", HttpStatusCode.OK)]
    [InlineData("/?page=2147483648", HttpStatusCode.OK)]
    [InlineData("/?page=1&page=2", HttpStatusCode.OK)]
    [InlineData("/?page=99999", HttpStatusCode.NotFound)]
    public async Task Odd_page_numbers_never_fail(string url, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await _client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Every_page_has_title_description_canonical_and_sharing_tags()
    {
        var page = await _client.GetDocumentAsync("/");

        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("meta[name=description]"));
        Assert.NotNull(page.QuerySelector("link[rel=canonical]"));
        Assert.NotNull(page.QuerySelector("meta[property='og:title']"));
        Assert.NotNull(page.QuerySelector("meta[name='twitter:card']"));
        Assert.NotNull(page.QuerySelector("a.skip-link[href='#main']"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }
}
