using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Security;

/// <summary>Catalogue rows R1, R3 and R5 through the app's own pipeline.</summary>
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
    public async Task A5_a_foreign_host_header_is_refused_with_400()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://press.example.eu") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A5_the_configured_host_is_served_and_links_use_it()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("http://press.example.eu") });

        var page = await client.GetDocumentAsync("/");

        Assert.StartsWith("http://press.example.eu/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }
}
