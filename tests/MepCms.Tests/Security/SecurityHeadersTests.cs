using Microsoft.AspNetCore.Http;
using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Security;

/// <summary>The security headers are on responses of every kind, in Production.</summary>
public sealed class SecurityHeadersTests(ProductionSecurityTestApp app) : IClassFixture<ProductionSecurityTestApp>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    public static TheoryData<string, string, HttpStatusCode> Responses => new()
    {
        { "GET", "/", HttpStatusCode.OK },
        { "GET", "/articles/no-such-statement", HttpStatusCode.NotFound },
        { "GET", "/test/boom", HttpStatusCode.InternalServerError },
        { "GET", "/favicon.ico", HttpStatusCode.OK },
        { "GET", "/health", HttpStatusCode.OK },
        { "POST", "/", HttpStatusCode.MethodNotAllowed },
        { "TRACE", "/", HttpStatusCode.MethodNotAllowed },
        { "GET", "/test/403", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_kind_of_response_carries_the_security_headers(string method, string path, HttpStatusCode status)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        ExpectedHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task A_published_statement_and_its_stylesheet_carry_the_security_headers()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var page = await _client.GetAsync($"/articles/{article.Slug}");
        var href = Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var css = await _client.GetAsync(href);

        ExpectedHeaders.AssertPresent(page);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        ExpectedHeaders.AssertPresent(css);
    }

    [Fact]
    public async Task The_policy_allows_no_inline_script_or_style_and_no_framing()
    {
        var csp = ExpectedHeaders.Header(await _client.GetAsync("/"), "Content-Security-Policy");

        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_style_or_event_handler_for_the_policy_to_block()
    {
        await app.SaveAsync(TestData.Article(app));

        var page = await _client.GetDocumentAsync("/");

        Assert.All(page.QuerySelectorAll("script:not([type='application/ld+json'])"), s => Assert.True(s.HasAttribute("src"), "inline script: " + s.OuterHtml));
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(page.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/Admin/articles/1/edit")]
    [InlineData("/account/login")]
    public async Task Back_office_and_account_responses_are_never_stored(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal("no-store", ExpectedHeaders.Header(response, "Cache-Control"));
        ExpectedHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task Public_pages_may_be_cached()
    {
        var response = await _client.GetAsync("/");

        Assert.DoesNotContain("no-store", ExpectedHeaders.Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task Https_responses_in_production_ask_browsers_to_keep_to_https_for_a_year()
    {
        var https = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://press.example.eu") });

        var secure = await https.GetAsync("/");
        var plain = await _client.GetAsync("/");

        Assert.Equal("max-age=31536000; includeSubDomains", ExpectedHeaders.Header(secure, "Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over HTTPS");
    }
}

/// <summary>What every response must carry.</summary>
public static class ExpectedHeaders
{
    public static void AssertPresent(HttpResponseMessage response)
    {
        Assert.Equal(Web.Infrastructure.Security.SecurityHeadersMiddleware.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=(), browsing-topics=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        // Staff pages only: public pages hold nothing another window could learn (docs/decisions/0070).
        var path = new PathString(response.RequestMessage!.RequestUri!.AbsolutePath);
        var isStaffPage = path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(isStaffPage ? "same-origin" : "", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.False(response.Headers.Contains("Server"), "the Server header names the software");
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
