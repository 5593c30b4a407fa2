using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Committees;

public sealed class CommitteeAndTopicPagesTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Committees_page_lists_active_committees_with_links()
    {
        var active = await app.SaveAsync(TestData.Committee());
        var closed = TestData.Committee();
        closed.IsActive = false;
        await app.SaveAsync(closed);

        var page = await _client.GetDocumentAsync("/committees");

        Assert.NotNull(page.QuerySelector($"a[href='/committees/{active.Slug}']"));
        Assert.Null(page.QuerySelector($"a[href='/committees/{closed.Slug}']"));
        Assert.Equal("Committees", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Committee_page_shows_its_public_statements_only()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var published = TestData.Article(app);
        published.Committees.Add(committee);
        await app.SaveAsync(published);
        var draft = TestData.Article(app, status: ArticleStatus.Draft);
        draft.Committees.Add(committee);
        await app.SaveAsync(draft);
        var elsewhere = await app.SaveAsync(TestData.Article(app));

        var page = await _client.GetDocumentAsync($"/committees/{committee.Slug}");
        var titles = page.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()).ToList();

        Assert.Equal(committee.Name, page.QuerySelector("h1")!.TextContent);
        Assert.Equal([published.Title], titles);
        Assert.DoesNotContain(draft.Title, page.DocumentElement.OuterHtml);
        Assert.DoesNotContain(elsewhere.Title, titles);
        Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='application/rss+xml'][href='/committees/{committee.Slug}/feed.xml']"));
    }

    [Fact]
    public async Task Topic_page_shows_its_public_statements_paged()
    {
        var topic = await app.SaveAsync(TestData.Topic());
        for (var i = 0; i < 11; i++)
        {
            var article = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(-i - 1));
            article.Topics.Add(topic);
            await app.SaveAsync(article);
        }
        var future = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1));
        future.Topics.Add(topic);
        await app.SaveAsync(future);

        var first = await _client.GetDocumentAsync($"/topics/{topic.Slug}");
        var second = await _client.GetDocumentAsync($"/topics/{topic.Slug}?page=2");

        Assert.Equal(topic.Name, first.QuerySelector("h1")!.TextContent);
        Assert.Equal(10, first.QuerySelectorAll(".article-card").Length);
        Assert.Single(second.QuerySelectorAll(".article-card"));
        Assert.Equal($"/topics/{topic.Slug}?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.DoesNotContain(future.Title, first.DocumentElement.OuterHtml + second.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task Article_page_links_to_its_committees_and_topics_which_answer()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var article = TestData.Article(app);
        article.Committees.Add(committee);
        article.Topics.Add(topic);
        await app.SaveAsync(article);

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        foreach (var href in new[] { $"/committees/{committee.Slug}", $"/topics/{topic.Slug}" })
        {
            Assert.NotNull(page.QuerySelector($".statement__tags a[href='{href}']"));
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(href)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/committees/no-such-committee")]
    [InlineData("/topics/no-such-topic")]
    [InlineData("/committees/UPPER")]
    [InlineData("/topics/x%20y")]
    [InlineData("/committees/no-such-committee/feed.xml")]
    public async Task Unknown_committees_and_topics_get_the_404_page(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("?page=abc", HttpStatusCode.OK)]
    [InlineData("?page=0", HttpStatusCode.OK)]
    [InlineData("?page=1&page=x", HttpStatusCode.OK)]
    [InlineData("?page=77", HttpStatusCode.NotFound)]
    public async Task Odd_page_numbers_on_committee_and_topic_pages_never_fail(string query, HttpStatusCode expected)
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());

        Assert.Equal(expected, (await _client.GetAsync($"/committees/{committee.Slug}{query}")).StatusCode);
        Assert.Equal(expected, (await _client.GetAsync($"/topics/{topic.Slug}{query}")).StatusCode);
    }
}
