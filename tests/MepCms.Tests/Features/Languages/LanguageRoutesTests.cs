using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using MepCms.Tests.Infrastructure.Caching;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Languages;

/// <summary>
/// The default language keeps every route; each other official language answers the same public
/// pages under `/{code}/`, listing that language's statements, with its culture, links and alternates.
/// </summary>
public sealed class LanguageRoutesTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<(Article English, Article Dutch, MepCms.Web.Features.Meps.Author Mep)> StatementsAsync(string word = "windmolenpark")
    {
        var mep = await app.SaveAsync(TestData.Author());
        var english = await app.SaveAsync(TestData.Article(app, title: "Offshore wind " + TestData.Unique("en"), authors: mep));
        var dutch = TestData.Article(app, title: $"Nieuw {word} " + TestData.Unique("nl"), authors: mep);
        dutch.Language = "nl";
        await app.SaveAsync(dutch);
        return (english, dutch, mep);
    }

    [Fact]
    public async Task A_dutch_statement_lives_under_nl_and_the_default_routes_keep_the_default_language()
    {
        var (english, dutch, mep) = await StatementsAsync();

        var home = await _reader.GetStringAsync("/");
        var dutchHome = await _reader.GetDocumentAsync("/nl/");
        var dutchPage = await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}");
        var mepPage = await _reader.GetStringAsync($"/nl/meps/{mep.Slug}");

        Assert.Contains(english.Title, home);
        Assert.DoesNotContain(dutch.Title, home);
        Assert.Contains(dutch.Title, dutchHome.Body!.TextContent);
        Assert.DoesNotContain(english.Title, dutchHome.Body!.TextContent);
        Assert.Equal("nl", dutchHome.DocumentElement.GetAttribute("lang"));
        Assert.Equal("nl", dutchPage.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"http://localhost/nl/articles/{dutch.Slug}", dutchPage.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Contains(dutch.Title, mepPage);
        Assert.DoesNotContain(english.Title, mepPage);
        // A version answers only at its own language's address.
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/articles/{dutch.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/nl/articles/{english.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/fr/articles/{dutch.Slug}")).StatusCode);
    }

    [Theory]
    [InlineData("/xx/")]
    [InlineData("/english/")]
    [InlineData("/xx/articles/anything")]
    [InlineData("/NL/")]
    [InlineData("/nl/admin")]
    [InlineData("/nl/subscribe/confirm")]
    [InlineData("/nl/nl/")]
    public async Task An_unknown_prefix_or_a_page_with_no_language_version_is_the_404_page(string path)
    {
        var response = await _reader.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/en/", "/")]
    [InlineData("/en", "/")]
    [InlineData("/en/meps", "/meps")]
    [InlineData("/en/search?q=wind", "/search?q=wind")]
    public async Task The_default_language_prefix_answers_301_to_the_unprefixed_address(string path, string target)
    {
        var response = await _reader.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Links_on_a_dutch_page_stay_in_dutch_and_the_switcher_names_each_language_in_its_own_name()
    {
        var (_, dutch, mep) = await StatementsAsync();

        var page = await _reader.GetDocumentAsync($"/nl/meps/{mep.Slug}");
        var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var switcher = page.QuerySelectorAll(".language-switcher a").ToList();

        Assert.Contains($"/nl/articles/{dutch.Slug}", links);
        Assert.Contains("/nl/meps", page.QuerySelectorAll(".site-nav a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/nl/search", page.QuerySelector("form.site-search")!.GetAttribute("action"));
        Assert.Equal("/nl/feed.xml", page.QuerySelector("footer a[href$='feed.xml']")!.GetAttribute("href"));
        Assert.StartsWith("/css/site.css", page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")); // assets keep one address
        Assert.Equal(24, switcher.Count);
        Assert.All(switcher, a => Assert.Equal(a.GetAttribute("lang"), a.GetAttribute("hreflang")));
        var current = Assert.Single(switcher, a => a.HasAttribute("aria-current"));
        Assert.Equal(("Nederlands", "nl"), (current.ChildNodes[0].TextContent, current.GetAttribute("lang")));
        Assert.NotNull(current.QuerySelector(".visually-hidden"));
        Assert.Equal($"/meps/{mep.Slug}", switcher.Single(a => a.GetAttribute("lang") == "en").GetAttribute("href"));
        Assert.Equal($"/fr/meps/{mep.Slug}", switcher.Single(a => a.GetAttribute("lang") == "fr").GetAttribute("href"));
        Assert.Equal("français", switcher.Single(a => a.GetAttribute("lang") == "fr").TextContent);
    }

    [Fact]
    public async Task Pages_in_every_language_name_all_versions_reciprocally_with_x_default()
    {
        var (_, dutch, _) = await StatementsAsync();

        var meps = await _reader.GetDocumentAsync("/nl/meps");
        var statement = await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}");
        string? Alternate(AngleSharp.Dom.IDocument page, string code) => page.QuerySelector($"link[rel=alternate][hreflang='{code}']")?.GetAttribute("href");

        Assert.Equal(25, meps.QuerySelectorAll("link[rel=alternate][hreflang]").Length);
        Assert.Equal("http://localhost/meps", Alternate(meps, "en"));
        Assert.Equal("http://localhost/nl/meps", Alternate(meps, "nl"));
        Assert.Equal("http://localhost/meps", Alternate(meps, "x-default"));
        // A statement names only the versions it has; with no default-language version, x-default is the one there is.
        Assert.Equal(2, statement.QuerySelectorAll("link[rel=alternate][hreflang]").Length);
        Assert.Equal($"http://localhost/nl/articles/{dutch.Slug}", Alternate(statement, "nl"));
        Assert.Equal($"http://localhost/nl/articles/{dutch.Slug}", Alternate(statement, "x-default"));
        var switcher = statement.QuerySelectorAll(".language-switcher a");
        Assert.Equal($"/nl/articles/{dutch.Slug}", switcher.Single(a => a.GetAttribute("lang") == "nl").GetAttribute("href"));
        Assert.Equal("/de/", switcher.Single(a => a.GetAttribute("lang") == "de").GetAttribute("href")); // no German version: German home
        Assert.Equal("/", switcher.Single(a => a.GetAttribute("lang") == "en").GetAttribute("href"));
    }

    [Fact]
    public async Task Search_feeds_and_the_sitemap_work_per_language()
    {
        var (english, dutch, mep) = await StatementsAsync("zonnepanelen");

        var dutchSearch = await _reader.GetStringAsync("/nl/search?q=zonnepanelen");
        var englishSearch = await _reader.GetStringAsync("/search?q=zonnepanelen");
        var feed = XDocument.Parse(await _reader.GetStringAsync("/nl/feed.xml"));
        var mepFeed = await _reader.GetStringAsync($"/nl/meps/{mep.Slug}/feed.xml");
        var sitemap = await _reader.GetStringAsync("/sitemap.xml");

        Assert.Contains($"href=\"/nl/articles/{dutch.Slug}\"", dutchSearch);
        Assert.DoesNotContain(dutch.Slug, englishSearch);
        Assert.Equal("nl", feed.Root!.Element("channel")!.Element("language")!.Value);
        Assert.Contains(feed.Descendants("item"), i => i.Element("link")!.Value == $"http://localhost/nl/articles/{dutch.Slug}");
        Assert.DoesNotContain(feed.Descendants("item"), i => i.Element("title")!.Value == english.Title);
        Assert.Contains(dutch.Title, mepFeed);
        Assert.Contains($"http://localhost/nl/articles/{dutch.Slug}", sitemap);
        Assert.Contains($"http://localhost/articles/{english.Slug}", sitemap);
    }

    [Fact]
    public async Task The_sitemap_lists_each_page_in_the_languages_it_has_statements_in_with_its_alternates()
    {
        var (_, _, mep) = await StatementsAsync();
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";

        var sitemap = XDocument.Parse(await _reader.GetStringAsync("/sitemap.xml"));
        var urls = sitemap.Root!.Elements(sm + "url").ToDictionary(u => u.Element(sm + "loc")!.Value);
        Dictionary<string, string> Alternates(string loc) =>
            urls[loc].Elements(xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => l.Attribute("href")!.Value);

        var expected = new Dictionary<string, string>
        {
            ["en"] = $"http://localhost/meps/{mep.Slug}", ["nl"] = $"http://localhost/nl/meps/{mep.Slug}", ["x-default"] = $"http://localhost/meps/{mep.Slug}",
        };
        Assert.Equal(expected, Alternates($"http://localhost/meps/{mep.Slug}"));
        Assert.Equal(expected, Alternates($"http://localhost/nl/meps/{mep.Slug}"));
        Assert.Equal("http://localhost/nl/", Alternates("http://localhost/")["nl"]);
        Assert.Contains("http://localhost/nl/", urls.Keys);
        Assert.DoesNotContain("http://localhost/fr/", urls.Keys); // no French statement: no French pages listed
    }

    [Fact]
    public async Task Each_language_has_its_own_cached_page_and_nothing_varies_by_accept_language()
    {
        var (english, dutch, _) = await StatementsAsync();
        await _reader.GetStringAsync("/"); // cached in the default language first
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("nl-NL,nl;q=0.9");

        var response = await _reader.SendAsync(request);
        var dutchHome = await _reader.GetStringAsync("/nl/");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // never redirected by header
        Assert.DoesNotContain("Accept-Language", response.Headers.Vary);
        Assert.Contains(english.Title, body);
        Assert.Contains("<html lang=\"en\"", body);
        Assert.Contains(dutch.Title, dutchHome);
        Assert.DoesNotContain(english.Title, dutchHome);
    }

    [Fact]
    public async Task Publishing_a_dutch_statement_in_the_editor_evicts_the_cached_dutch_pages()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(MepCms.Web.Features.Account.Roles.Editor);
        await _reader.GetStringAsync("/nl/");
        await _reader.GetStringAsync($"/nl/meps/{mep.Slug}");
        Assert.True((await _reader.GetAsync("/nl/")).IsFromCache()); // each language's page is cached
        Assert.True((await _reader.GetAsync($"/nl/meps/{mep.Slug}")).IsFromCache());
        var fields = EditorForms.Fields("Verklaring over de begroting " + TestData.Unique("nl"), mep.Id);
        fields["Language"] = "nl";

        var id = await editor.Client.CreateDraftAsync(fields);
        await editor.Client.PostFormAsync("/admin/articles/new", $"/admin/articles/{id}/publish", []);
        var home = await _reader.GetStringAsync("/nl/");
        var mepPage = await _reader.GetStringAsync($"/nl/meps/{mep.Slug}");

        Assert.Contains(fields["Title"], home);
        Assert.Contains(fields["Title"], mepPage);
        Assert.DoesNotContain(fields["Title"], await _reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_dutch_statement_under_embargo_and_in_preview_reads_in_dutch()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var dutch = TestData.Article(app, title: "Onder embargo " + TestData.Unique("nl"), publishAt: app.Clock.GetUtcNow().AddHours(3), authors: mep);
        dutch.Language = "nl";
        await app.SaveAsync(dutch);
        var token = app.Services.GetRequiredService<MepCms.Web.Features.Embargo.EmbargoLinks>().Create(dutch.Id, app.Clock.GetUtcNow().UtcDateTime.AddHours(5));
        var editor = await app.SignedInAsync(MepCms.Web.Features.Account.Roles.Editor);

        var embargoed = await _reader.GetDocumentAsync("/embargo?token=" + Uri.EscapeDataString(token));
        var preview = await editor.Client.GetDocumentAsync($"/admin/articles/{dutch.Id}/preview");

        foreach (var page in new[] { embargoed, preview })
        {
            Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
            Assert.Contains($"/nl/meps/{mep.Slug}", page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task Rating_a_dutch_version_without_script_returns_to_the_dutch_page()
    {
        var (_, dutch, _) = await StatementsAsync();
        var page = await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}");
        var form = page.QuerySelector("form.rating__form")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent([new("score", "4")]),
        };
        post.Headers.Add("Origin", "http://localhost");

        var before = await _reader.GetStringAsync($"/nl/articles/{dutch.Slug}/rating");
        var response = await _reader.SendAsync(post);

        Assert.Equal($"/nl/articles/{dutch.Slug}/rating", form.GetAttribute("action"));
        Assert.Contains("Nog geen beoordelingen", before); // the widget's figures in Dutch
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/nl/articles/{dutch.Slug}?rated=1#rating", response.Headers.Location!.OriginalString);
    }
}

/// <summary>An office whose site speaks French first: `Site:DefaultLanguage` moves the unprefixed routes.</summary>
public sealed class FrenchDefaultLanguageTests(FrenchDefaultLanguageTests.FrenchSite app) : IClassFixture<FrenchDefaultLanguageTests.FrenchSite>
{
    public sealed class FrenchSite : MepCmsFactory
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Site:DefaultLanguage"] = "fr";
    }

    [Fact]
    public async Task The_unprefixed_routes_are_french_english_moves_under_en_and_fr_redirects()
    {
        var reader = app.CreateBrowserlessClient();
        var french = TestData.Article(app, title: "Déclaration " + TestData.Unique("fr"));
        french.Language = "fr";
        await app.SaveAsync(french);
        var english = await app.SaveAsync(TestData.Article(app, title: "Statement " + TestData.Unique("en")));

        var home = await reader.GetDocumentAsync("/");
        var englishHome = await reader.GetStringAsync("/en/");
        var redirect = await reader.GetAsync($"/fr/articles/{french.Slug}");

        Assert.Equal("fr", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains(french.Title, home.Body!.TextContent);
        Assert.DoesNotContain(english.Title, home.Body!.TextContent);
        Assert.Contains(english.Title, englishHome);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{french.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/articles/{french.Slug}", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public void A_default_language_that_is_not_an_official_eu_language_stops_the_start()
    {
        using var wrong = new MepCmsFactory().WithWebHostBuilder(b => b.UseSetting("Site:DefaultLanguage", "english"));

        var error = Assert.ThrowsAny<Exception>(() => wrong.CreateClient());

        Assert.Contains("Site:DefaultLanguage", error.ToString());
    }
}
