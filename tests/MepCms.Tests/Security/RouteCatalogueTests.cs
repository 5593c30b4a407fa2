using System.Net;
using MepCms.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Security;

/// <summary>Catalogue rows R1, R3, R5, R7 and T5 through the app's own pipeline.</summary>
public sealed class RouteCatalogueTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Theory]
    [InlineData("/articles/..%2f..%2fappsettings.json")]
    [InlineData("/css/..%2f..%2fappsettings.json")]
    [InlineData("/%2e%2e/appsettings.json")]
    [InlineData("/appsettings.json")]
    [InlineData("/App_Data/mepcms.db")]
    [InlineData("/Features/Shared/_Layout.cshtml")]
    public async Task R1_files_outside_wwwroot_are_never_served(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task R3_a_script_in_the_path_gets_the_404_page_with_nothing_live()
    {
        var response = await _client.GetAsync("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(TitleCatalogueTests.LiveContent(page));
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task R5_a_slug_in_another_case_is_not_a_second_address_of_the_statement()
    {
        var article = await app.SaveAsync(TestData.Article(app));

        var canonical = await _client.GetAsync($"/articles/{article.Slug}");
        var upper = await _client.GetAsync($"/articles/{article.Slug.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upper.StatusCode);
    }

    [Fact]
    public async Task R7_junk_query_keys_share_the_one_cached_page_so_cache_busting_cannot_fill_the_cache()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Before the quiet change"));
        var first = await _client.GetStringAsync($"/articles/{article.Slug}?cb=1");
        // Changed behind the app's back (no eviction): only a new cache entry could show it.
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "After the quiet change")));

        var junk = await Task.WhenAll(Enumerable.Range(2, 50).Select(i => _client.GetStringAsync($"/articles/{article.Slug}?cb={i}&utm_source={i}")));

        Assert.Contains("Before the quiet change", first);
        Assert.All(junk, page => Assert.Contains("Before the quiet change", page));
    }

    [Theory]
    [InlineData("M\u0435tsola", "metsola")] // Cyrillic е
    [InlineData("\u0420\u043e\u0431\u0435\u0440\u0442\u0430", "roberta")] // all Cyrillic
    [InlineData("Ｍｅｔｓｏｌａ", "metsola")] // full-width Latin
    public void T5_homoglyphs_are_transliterated_into_the_ascii_slug_of_the_name_they_imitate(string name, string slug)
    {
        Assert.Equal(slug, Web.Infrastructure.Web.Slugs.From(name));
    }

    [Fact]
    public async Task T5_an_mep_whose_name_imitates_another_with_homoglyphs_is_refused_as_a_taken_address_and_the_lookalike_url_is_404()
    {
        var real = TestData.Author("Roberta Metsola Test");
        real.Slug = Web.Infrastructure.Web.Slugs.From(real.FullName);
        await app.SaveAsync(real);
        var editor = await app.SignedInAsync(Web.Features.Account.Roles.Editor);
        var before = await app.WithDbAsync(db => db.Authors.CountAsync());

        var response = await editor.Client.PostFormAsync("/admin/meps/new", "/admin/meps/new", new()
        {
            ["FullName"] = "Roberta M\u0435tsola Test", ["CountryCode"] = "MT", ["PoliticalGroup"] = "EPP",
            ["NationalParty"] = "Test", ["IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(real.Slug, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Authors.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/meps/roberta-m%D0%B5tsola-test")).StatusCode);
    }
}

public sealed class AllowedHostsTestApp : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["AllowedHosts"] = "press.example.eu";
}

/// <summary>Catalogue row A5: with AllowedHosts set, a request for another host is refused.</summary>
public sealed class AllowedHostsTests(AllowedHostsTestApp app) : IClassFixture<AllowedHostsTestApp>
{
    [Fact]
    public async Task A5_a_foreign_host_header_is_refused_with_400_carrying_the_security_headers()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://press.example.eu") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        ExpectedHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task A5_the_configured_host_is_served_and_links_use_it()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://press.example.eu") });

        var page = await client.GetDocumentAsync("/");

        Assert.StartsWith("http://press.example.eu/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }
}
