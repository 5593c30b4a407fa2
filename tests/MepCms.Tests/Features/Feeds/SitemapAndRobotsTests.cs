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

/// <summary>A site whose sitemap files hold a few URLs each, so a handful of statements needs a sitemap index.</summary>
public sealed class SmallSitemapFactory : MepCmsFactory
{
    public const int PerFile = 6;

    protected override void Configure(IDictionary<string, string?> settings) => settings["Sitemap:UrlsPerFile"] = $"{PerFile}";
}

public sealed class SitemapIndexTests(SmallSitemapFactory app) : IClassFixture<SmallSitemapFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Past_the_limit_of_one_file_the_sitemap_is_an_index_whose_files_list_every_version_once_with_its_alternates()
    {
        var english = new List<Article>();
        for (var i = 0; i < 10; i++)
        {
            english.Add(await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(-60 + i))));
        }
        var dutch = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(-100));
        (dutch.Statement, dutch.StatementId, dutch.Language) = (null!, english[9].StatementId, "nl");
        dutch = await app.SaveAsync(dutch);

        var index = XDocument.Parse(await _client.GetStringAsync("/sitemap.xml")).Root!;
        var files = index.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        var listed = new List<XElement>();
        foreach (var file in files)
        {
            var urlset = XDocument.Parse(await _client.GetStringAsync(file)).Root!;
            Assert.Equal(Sitemap + "urlset", urlset.Name);
            Assert.True(urlset.Elements(Sitemap + "url").Count() <= SmallSitemapFactory.PerFile, file);
            listed.AddRange(urlset.Elements(Sitemap + "url"));
        }

        Assert.Equal(Sitemap + "sitemapindex", index.Name);
        Assert.Equal("/sitemaps/pages.xml", files[0]);
        Assert.All(files.Skip(1), f => Assert.Matches("^/sitemaps/statements-[0-9]+\\.xml$", f));
        var locations = listed.Select(u => u.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal(locations.Count, locations.Distinct().Count());
        Assert.All(english, a => Assert.Contains($"http://localhost/articles/{a.Slug}", locations));
        Assert.Contains("http://localhost/", locations);
        // The Dutch version, the oldest, falls in another file than its English one, and still names it.
        var dutchEntry = listed.Single(u => u.Element(Sitemap + "loc")!.Value == $"http://localhost/nl/articles/{dutch.Slug}");
        Assert.Contains($"http://localhost/articles/{english[9].Slug}", dutchEntry.Elements(Xhtml + "link").Select(l => (string)l.Attribute("href")!));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync($"/sitemaps/statements-{files.Count + 5}.xml")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync("/sitemaps/statements-0.xml")).StatusCode);
    }
}
