using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Features.PublicSite;

/// <summary>What every public page shares: head tags for sharing and search engines, landmarks, navigation.</summary>
public sealed class PublicPageTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task<Dictionary<string, string>> PagesAsync()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var article = TestData.Article(app, authors: mep);
        article.Committees.Add(committee);
        article.Topics.Add(topic);
        await app.SaveAsync(article);
        return new()
        {
            ["/"] = "Statements", [$"/articles/{article.Slug}"] = "Statements", ["/meps"] = "MEPs", [$"/meps/{mep.Slug}"] = "MEPs",
            ["/committees"] = "Committees", [$"/committees/{committee.Slug}"] = "Committees", [$"/topics/{topic.Slug}"] = "Committees",
            ["/search"] = "", ["/search?q=statement"] = "",
        };
    }

    [Fact]
    public async Task Every_public_page_has_its_own_head_tags_one_h1_and_landmarks()
    {
        foreach (var (url, section) in await PagesAsync())
        {
            var page = await _client.GetDocumentAsync(url);
            var description = page.QuerySelector("meta[name=description]")!.GetAttribute("content");

            Assert.False(string.IsNullOrWhiteSpace(page.Title), url);
            Assert.False(string.IsNullOrWhiteSpace(description), url);
            Assert.StartsWith("http://localhost/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
            foreach (var tag in new[] { "meta[property='og:title']", "meta[property='og:description']", "meta[property='og:url']", "meta[name='twitter:card']", "meta[name='twitter:title']" })
            {
                Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(tag)?.GetAttribute("content")), $"{url}: {tag}");
            }
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.NotNull(page.QuerySelector("header.site-header"));
            Assert.NotNull(page.QuerySelector("main#main"));
            Assert.NotNull(page.QuerySelector("footer.site-footer"));
            Assert.NotNull(page.QuerySelector("nav[aria-label=Main]"));
            Assert.NotNull(page.QuerySelector("form[role=search][action='/search'] label[for=site-search-q]"));
            var landmarkNames = page.QuerySelectorAll("form[role=search]").Select(f => f.GetAttribute("aria-label")).ToList();
            Assert.Equal(landmarkNames.Count, landmarkNames.Distinct().Count());
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.All(page.QuerySelectorAll("img"), img => Assert.NotNull(img.GetAttribute("alt")));
            var current = page.QuerySelectorAll(".site-nav a[aria-current]").Select(a => a.TextContent).ToList();
            Assert.Equal(section.Length == 0 ? [] : [section], current);
        }
    }

    [Fact]
    public async Task A_sections_own_page_is_the_current_page_and_its_children_are_in_it()
    {
        var mep = await app.SaveAsync(TestData.Author());

        var directory = await _client.GetDocumentAsync("/meps");
        var profile = await _client.GetDocumentAsync($"/meps/{mep.Slug}");

        Assert.Equal("page", directory.QuerySelector(".site-nav a[href='/meps']")!.GetAttribute("aria-current"));
        Assert.Equal("true", profile.QuerySelector(".site-nav a[href='/meps']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/meps?page=abc")]
    [InlineData("/committees?page=-1&x=%00")]
    [InlineData("/search?q=%E0%A4&page=1")]
    [InlineData("/feed.xml?page=2")]
    [InlineData("/sitemap.xml?x=%3Cscript%3E")]
    [InlineData("/robots.txt?q=1")]
    public async Task Odd_query_strings_never_fail(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);
    }
}
