using MepCms.Tests.Support;

namespace MepCms.Tests.Features.Articles;

/// <summary>What frames a statement: its MEPs with their press contact beside it, share links, the home page's lead story.</summary>
public sealed class StatementLayoutTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Beside_a_statement_are_its_meps_with_group_country_and_press_contact_and_plain_share_links()
    {
        var mep = TestData.Author("Ana Lobo");
        (mep.PressEmail, mep.PressPhone, mep.PoliticalGroup, mep.CountryCode) = ("press.lobo@example.eu", "+32 2 555 01 23", "S&D", "PT");
        var other = await app.SaveAsync(TestData.Author("Jonas Keller"));
        var article = await app.SaveAsync(TestData.Article(app, title: "Grids & “storage” now", authors: [await app.SaveAsync(mep), other]));

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");
        var aside = page.QuerySelector("aside.statement-aside")!;
        var meps = aside.QuerySelectorAll(".aside-mep").ToList();

        Assert.Equal("The MEPs", aside.QuerySelector("#aside-meps")!.TextContent);
        Assert.Equal(["Ana Lobo", "Jonas Keller"], meps.Select(m => m.QuerySelector(".aside-mep__name")!.TextContent));
        Assert.Equal($"/meps/{mep.Slug}", meps[0].QuerySelector(".aside-mep__name")!.GetAttribute("href"));
        Assert.Equal("S&D · Portugal", meps[0].QuerySelector(".aside-mep__meta")!.TextContent);
        Assert.Equal(["mailto:press.lobo@example.eu", "tel:+3225550123"], meps[0].QuerySelectorAll(".aside-mep__contact").Select(a => a.GetAttribute("href")));
        Assert.Empty(meps[1].QuerySelectorAll(".aside-mep__contact"));
        var url = Uri.EscapeDataString($"http://localhost/articles/{article.Slug}");
        var share = aside.QuerySelectorAll(".share__links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains($"https://www.linkedin.com/sharing/share-offsite/?url={url}", share);
        Assert.Contains($"mailto:?subject={Uri.EscapeDataString(article.Title)}&body={url}", share);
        // Nothing on the page is loaded from another site: the share links are only links.
        Assert.All(page.QuerySelectorAll("script[src], img[src], link[href], iframe"), e =>
            Assert.Matches("^(/[^/]|http://localhost/)", e.GetAttribute("src") ?? e.GetAttribute("href")));
    }

    [Fact]
    public async Task The_home_page_opens_with_the_latest_statement_as_lead_story_on_its_first_page_only()
    {
        for (var i = 0; i < 25; i++)
        {
            await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(-i - 1)));
        }
        var latest = await app.SaveAsync(TestData.Article(app, title: "The newest of all", publishAt: app.Clock.GetUtcNow().AddMinutes(-1)));

        var first = await _client.GetDocumentAsync("/");
        var second = await _client.GetDocumentAsync("/?page=2");

        var lead = Assert.Single(first.QuerySelectorAll(".article-card--lead"));
        Assert.Equal(latest.Title, lead.QuerySelector(".article-card__title")!.TextContent);
        Assert.Equal("Latest statement", lead.QuerySelector(".article-card__kicker")!.TextContent);
        Assert.NotNull(first.QuerySelector(".article-list--grid"));
        Assert.Empty(second.QuerySelectorAll(".article-card--lead"));
    }
}
