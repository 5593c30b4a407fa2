using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Feeds;

public sealed class SitemapAndRobotsTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task<Dictionary<string, string?>> UrlsAsync()
    {
        var response = await _client.GetAsync("/sitemap.xml");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Sitemap + "urlset", root.Name);
        return root.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")?.Value);
    }

    [Fact]
    public async Task Sitemap_lists_public_statements_MEPs_committees_and_topics_with_lastmod()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var article = TestData.Article(app, publishAt: new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero), authors: mep);
        article.Committees.Add(committee);
        article.Topics.Add(topic);
        await app.SaveAsync(article);
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, authors: mep));

        var urls = await UrlsAsync();

        Assert.Equal("2026-06-01T08:30:00Z", urls[$"http://localhost/articles/{article.Slug}"]);
        Assert.Equal("2026-06-01T08:30:00Z", urls[$"http://localhost/meps/{mep.Slug}"]);
        Assert.Equal("2026-06-01T08:30:00Z", urls[$"http://localhost/committees/{committee.Slug}"]);
        Assert.Equal("2026-06-01T08:30:00Z", urls[$"http://localhost/topics/{topic.Slug}"]);
        Assert.Contains("http://localhost/", urls.Keys);
        Assert.DoesNotContain($"http://localhost/articles/{draft.Slug}", urls.Keys);
    }

    [Fact]
    public async Task Robots_names_the_sitemap_and_keeps_crawlers_out_of_the_back_office()
    {
        var robots = await _client.GetStringAsync("/robots.txt");
        var lines = robots.Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains("Disallow: /account", lines);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", lines);
    }
}

public sealed class PublicUrlFactory : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Site:PublicUrl"] = "https://press.example.eu/";
}

public sealed class ConfiguredPublicUrlTests(PublicUrlFactory app) : IClassFixture<PublicUrlFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Feeds_sitemap_and_robots_use_the_configured_public_address()
    {
        var article = await app.SaveAsync(TestData.Article(app));

        Assert.Contains("Sitemap: https://press.example.eu/sitemap.xml", await _client.GetStringAsync("/robots.txt"));
        Assert.Contains($"<loc>https://press.example.eu/articles/{article.Slug}</loc>", await _client.GetStringAsync("/sitemap.xml"));
        Assert.Contains($"<link>https://press.example.eu/articles/{article.Slug}</link>", await _client.GetStringAsync("/feed.xml"));
    }
}
