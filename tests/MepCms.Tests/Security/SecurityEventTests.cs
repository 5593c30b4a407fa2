using System.Net;

namespace MepCms.Tests.Security;

/// <summary>Security events are logged by name, for alerts and audits.</summary>
public sealed class SecurityEventTests(SecurityTestApp app) : IClassFixture<SecurityTestApp>
{
    [Fact]
    public async Task A_form_posted_without_an_antiforgery_token_is_refused_and_logged()
    {
        var response = await app.CreateCookieClient().PostAsync("/test/form", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Security.AntiforgeryRejected", app.Logs.EventNames);
    }

    [Fact]
    public async Task A_form_posted_with_its_token_in_the_header_is_accepted()
    {
        var client = app.CreateCookieClient();
        var token = await client.GetStringAsync("/test/token");
        var request = new HttpRequestMessage(HttpMethod.Post, "/test/form") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(Web.Infrastructure.Security.SessionCookies.AntiforgeryHeader, token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("saved", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_403_is_logged_as_access_denied()
    {
        var response = await app.CreateCookieClient().GetAsync("/test/403");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(app.Logs.Messages, m => m.Contains("Access denied", StringComparison.Ordinal) && m.Contains("/test/403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_user_refused_by_a_policy_is_logged_as_access_denied()
    {
        var client = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(client);

        var response = await client.GetAsync("/test/forbid");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(app.Logs.Messages, m => m.Contains("Access denied", StringComparison.Ordinal) && m.Contains("/test/forbid", StringComparison.Ordinal));
    }
}
