using System.Net;
using System.Text.Json;
using MepCms.Tests.Support;

namespace MepCms.Tests.Infrastructure;

public sealed class HostingTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Health_answers_with_json_when_the_database_answers()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Stylesheet_is_served_with_content_outside_development()
    {
        var page = await _client.GetDocumentAsync("/");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var response = await _client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        Assert.True(css.Length > 2000, "the stylesheet is empty or truncated");
        Assert.Contains(".site-header", css);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Public_pages_load_only_the_public_stylesheet_and_staff_pages_add_the_back_office_one()
    {
        var publicSheets = (await _client.GetDocumentAsync("/")).QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var staffSheets = (await _client.GetDocumentAsync("/account/login")).QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();

        Assert.Equal(["/css/site.css"], publicSheets.Select(h => h.Split('?')[0]));
        Assert.Equal(["/css/site.css", "/css/admin.css"], staffSheets.Select(h => h.Split('?')[0]));
        var adminCss = await _client.GetStringAsync(staffSheets[1]);
        Assert.Contains(".admin-form", adminCss);
        Assert.DoesNotContain(".admin-", await _client.GetStringAsync(publicSheets[0]));
    }

    [Fact]
    public async Task Production_error_page_is_friendly_and_in_the_layout()
    {
        var response = await _client.GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }
}

public sealed class UnreachableDatabaseFactory : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:MepCms"] = $"Data Source={Path.Combine(Folder, "absent", "absent.db")};Mode=ReadOnly";
        settings["Database:MigrateOnStartup"] = "false";
        settings["Admin:Email"] = null;
    }
}

public sealed class UnreachableDatabaseTests(UnreachableDatabaseFactory app) : IClassFixture<UnreachableDatabaseFactory>
{
    [Fact]
    public async Task Health_answers_503_when_the_database_does_not()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
    }
}
