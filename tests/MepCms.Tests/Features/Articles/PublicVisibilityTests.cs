using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Articles;

public sealed class PublicVisibilityTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Published_statement_is_shown_with_its_rendered_body()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Vote on the rule of law report", body: "The vote was **decisive**."));

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal("Vote on the rule of law report", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("decisive", page.QuerySelector(".statement__body strong")!.TextContent);
        Assert.Contains(article.Lead, page.QuerySelector(".statement__lead")!.TextContent);
    }

    [Fact]
    public async Task Draft_statement_is_not_found_by_the_public()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));

        var response = await _client.GetAsync($"/articles/{draft.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(draft.Title, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ArticleStatus.InReview)]
    [InlineData(ArticleStatus.Unpublished)]
    public async Task Statement_that_is_not_published_is_not_found(ArticleStatus status)
    {
        var article = await app.SaveAsync(TestData.Article(app, status: status));

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/articles/{article.Slug}")).StatusCode);
    }

    [Fact]
    public async Task Scheduled_statement_appears_exactly_at_its_publish_time()
    {
        var publishAt = app.Clock.GetUtcNow().AddMinutes(30);
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: publishAt));

        var before = await _client.GetAsync($"/articles/{scheduled.Slug}");
        var homeBefore = await _client.GetStringAsync("/");
        app.Clock.SetUtcNow(publishAt);
        var at = await _client.GetAsync($"/articles/{scheduled.Slug}");
        var homeAt = await _client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.DoesNotContain(scheduled.Title, homeBefore);
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
        Assert.Contains(scheduled.Title, homeAt);
    }

    [Theory]
    [InlineData("/articles/no-such-statement")]
    [InlineData("/articles/UPPER-Case")]
    [InlineData("/articles/dots..and..more")]
    [InlineData("/no/such/page")]
    public async Task Unknown_addresses_get_the_friendly_404_page(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet]"));
    }

    [Fact]
    public async Task Former_slug_answers_with_a_permanent_redirect_to_the_current_one()
    {
        var article = TestData.Article(app);
        article.FormerSlugs.Add(new ArticleSlug { Slug = TestData.Unique("old-slug"), RetiredAt = app.Clock.GetUtcNow().UtcDateTime });
        await app.SaveAsync(article);

        var response = await _client.GetAsync($"/articles/{article.FormerSlugs[0].Slug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/articles/{article.Slug}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Former_slug_of_a_draft_does_not_reveal_it()
    {
        var draft = TestData.Article(app, status: ArticleStatus.Draft);
        draft.FormerSlugs.Add(new ArticleSlug { Slug = TestData.Unique("old-draft"), RetiredAt = app.Clock.GetUtcNow().UtcDateTime });
        await app.SaveAsync(draft);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/articles/{draft.FormerSlugs[0].Slug}")).StatusCode);
    }
}
