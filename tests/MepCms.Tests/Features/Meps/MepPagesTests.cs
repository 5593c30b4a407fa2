using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Meps;

namespace MepCms.Tests.Features.Meps;

public sealed class MepPagesTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private static Author Mep(string name, string country, string group, bool active = true)
    {
        var author = TestData.Author(name);
        author.CountryCode = country;
        author.PoliticalGroup = group;
        author.IsActive = active;
        return author;
    }

    [Fact]
    public async Task Directory_groups_MEPs_by_country_with_a_generated_initials_avatar()
    {
        var mep = await app.SaveAsync(Mep("Zoë Vandamme", "LU", "EPP"));

        var page = await _client.GetDocumentAsync("/meps");

        var luxembourg = page.QuerySelectorAll(".directory-section").Single(s => s.QuerySelector("h2")!.TextContent == "Luxembourg");
        var card = luxembourg.QuerySelectorAll(".mep-card").Single(c => c.QuerySelector("a")!.GetAttribute("href") == $"/meps/{mep.Slug}");
        Assert.Equal("ZV", card.QuerySelector(".avatar--initials")!.TextContent);
        Assert.Equal("true", card.QuerySelector(".avatar--initials")!.GetAttribute("aria-hidden"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Equal("Our MEPs", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Directory_filters_by_country_and_political_group()
    {
        var wanted = await app.SaveAsync(Mep("Kaarel Filter", "EE", "Renew"));
        var otherGroup = await app.SaveAsync(Mep("Liis Filter", "EE", "S&D"));
        var otherCountry = await app.SaveAsync(Mep("Piet Filter", "NL", "Renew"));

        var page = await _client.GetDocumentAsync("/meps?country=ee&group=Renew");
        var names = page.QuerySelectorAll(".mep-card__name").Select(a => a.TextContent).ToList();

        Assert.Contains(wanted.FullName, names);
        Assert.DoesNotContain(otherGroup.FullName, names);
        Assert.DoesNotContain(otherCountry.FullName, names);
        Assert.NotNull(page.QuerySelector("#filter-country option[value=EE][selected]"));
        Assert.NotNull(page.QuerySelector("label[for=filter-group]"));
    }

    [Theory]
    [InlineData("/meps?country=%3Cscript%3E&group=%22")]
    [InlineData("/meps?country=&group=")]
    [InlineData("/meps?country=XX&country=YY")]
    public async Task Unknown_filters_show_every_MEP_rather_than_fail(string url)
    {
        var mep = await app.SaveAsync(Mep("Odd Filter", "IE", "EPP"));

        var page = await _client.GetDocumentAsync(url);

        Assert.Contains(mep.FullName, page.QuerySelectorAll(".mep-card__name").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Former_MEPs_are_listed_apart_and_keep_their_profile_and_statements()
    {
        var former = await app.SaveAsync(Mep("Wim Former", "BE", "EPP", active: false));
        var statement = await app.SaveAsync(TestData.Article(app, authors: former));

        var directory = await _client.GetDocumentAsync("/meps");
        var profile = await _client.GetDocumentAsync($"/meps/{former.Slug}");

        Assert.Contains(former.FullName, directory.QuerySelector("#former-members")!.ParentElement!.TextContent);
        Assert.DoesNotContain(directory.QuerySelectorAll(".directory-section:not(.directory-section--former) .mep-card__name"), a => a.TextContent == former.FullName);
        Assert.Equal("Former Member of the European Parliament", profile.QuerySelector(".profile__former")!.TextContent);
        Assert.Contains(statement.Title, profile.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task Profile_shows_bio_committee_roles_press_contact_and_only_public_statements()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var mep = Mep("Ana Profile", "PT", "S&D");
        mep.BioHtml = "<p>Former <strong>labour lawyer</strong>.</p>";
        mep.PressEmail = "press.profile@example.eu";
        mep.PressPhone = "+32 2 555 01 23";
        mep.Memberships.Add(new CommitteeMembership { CommitteeId = committee.Id, Role = CommitteeRole.Chair });
        await app.SaveAsync(mep);
        var published = await app.SaveAsync(TestData.Article(app, authors: mep));
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, authors: mep));
        var future = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1), authors: mep));

        var page = await _client.GetDocumentAsync($"/meps/{mep.Slug}");
        var titles = page.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()).ToList();

        Assert.Equal("Ana Profile", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("labour lawyer", page.QuerySelector(".profile__bio strong")!.TextContent);
        Assert.Contains($"({committee.Code}, Chair)", page.QuerySelector(".profile__committees")!.TextContent);
        Assert.NotNull(page.QuerySelector($".profile__committees a[href='/committees/{committee.Slug}']"));
        Assert.NotNull(page.QuerySelector("a[href='mailto:press.profile@example.eu']"));
        Assert.Contains("+32 2 555 01 23", page.QuerySelector(".profile__contact")!.TextContent);
        Assert.Equal([published.Title], titles);
        Assert.DoesNotContain(draft.Title, page.DocumentElement.OuterHtml);
        Assert.DoesNotContain(future.Title, page.DocumentElement.OuterHtml);
        Assert.Equal("profile", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Only_photos_served_by_the_site_are_shown_with_alt_text()
    {
        var local = Mep("Photo Local", "FI", "EPP");
        local.PhotoPath = "/media/photo-local.jpg";
        var remote = Mep("Photo Remote", "FI", "EPP");
        remote.PhotoPath = "https://tracker.example.com/photo.jpg";
        await app.SaveAsync(local);
        await app.SaveAsync(remote);

        var page = await _client.GetDocumentAsync("/meps");

        Assert.Equal("Photo of Photo Local", page.QuerySelector("img[src='/media/photo-local.jpg']")!.GetAttribute("alt"));
        Assert.Null(page.QuerySelector("img[src^='https:']"));
    }

    [Fact]
    public async Task Profile_statements_are_paged_with_prev_and_next_links()
    {
        var mep = await app.SaveAsync(Mep("Paged Mep", "AT", "EPP"));
        for (var i = 0; i < 12; i++)
        {
            await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(-i - 1), authors: mep));
        }

        var first = await _client.GetDocumentAsync($"/meps/{mep.Slug}");
        var second = await _client.GetDocumentAsync($"/meps/{mep.Slug}?page=2");

        Assert.Equal($"/meps/{mep.Slug}?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(2, second.QuerySelectorAll(".article-card").Length);
        Assert.Equal($"/meps/{mep.Slug}", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.EndsWith($"/meps/{mep.Slug}?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/meps/nobody-at-all", HttpStatusCode.NotFound)]
    [InlineData("/meps/UPPER", HttpStatusCode.NotFound)]
    [InlineData("/meps/a..b", HttpStatusCode.NotFound)]
    public async Task Unknown_MEPs_get_the_404_page(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("Page not found", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("?page=abc", HttpStatusCode.OK)]
    [InlineData("?page=-3", HttpStatusCode.OK)]
    [InlineData("?page=99999999999", HttpStatusCode.OK)]
    [InlineData("?page=500", HttpStatusCode.NotFound)]
    public async Task Odd_page_numbers_on_a_profile_never_fail(string query, HttpStatusCode expected)
    {
        var mep = await app.SaveAsync(Mep("Odd Pages", "CY", "EPP"));

        Assert.Equal(expected, (await _client.GetAsync($"/meps/{mep.Slug}{query}")).StatusCode);
    }
}
