using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Security;

/// <summary>Catalogue row A8: an unhandled exception in Production shows a generic page, never its details.</summary>
public sealed class ErrorPageTests(ProductionSecurityTestApp app) : IClassFixture<ProductionSecurityTestApp>
{
    [Fact]
    public async Task A8_a_forced_exception_shows_a_generic_page_with_a_request_id_and_no_details()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/test/boom");
        var html = await response.Content.ReadAsStringAsync();
        var page = Html.Parse(html);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".error-page__id code")?.TextContent), "the page names its request id");
        foreach (var secret in new[] { "Boom", "InvalidOperationException", "hunter2", "Password=", "SELECT", "AspNetUsers", "   at ", ".cs:line" })
        {
            Assert.DoesNotContain(secret, html);
        }
    }

    [Fact]
    public async Task A8_the_exception_is_logged_for_the_operator_instead()
    {
        await app.CreateBrowserlessClient().GetAsync("/test/boom");

        Assert.Contains(app.Logs.Exceptions, e => e.Message.StartsWith("Boom", StringComparison.Ordinal));
    }
}
