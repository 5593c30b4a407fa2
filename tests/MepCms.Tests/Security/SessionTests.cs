using System.Net;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>Staff sessions: cookie flags, idle and absolute lifetimes, and sessions ended by the security stamp.</summary>
public sealed class SessionTests(SecurityTestApp app) : IClassFixture<SecurityTestApp>
{
    [Fact]
    public async Task Over_http_the_sign_in_cookie_has_a_plain_name_and_is_httponly_and_samesite()
    {
        var client = app.CreateCookieClient();

        var response = await client.PostAsync($"/test/sign-in?email={SecurityTestApp.AdminEmail}", null);

        var cookie = SetCookie(response, "mepcms.auth");
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("path=/", cookie);
        Assert.DoesNotContain("domain=", cookie);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_httponly_and_samesite_strict_and_pages_may_not_frame_it()
    {
        var response = await app.CreateCookieClient().GetAsync("/test/token");

        var cookie = SetCookie(response, "mepcms.antiforgery");
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Equal("DENY", ExpectedHeaders.Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task A_session_stays_alive_while_used_within_the_idle_limit()
    {
        var client = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(client);

        app.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(SecurityTestApp.AdminEmail, await SecurityTestApp.WhoAmIAsync(client));
        app.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(SecurityTestApp.AdminEmail, await SecurityTestApp.WhoAmIAsync(client));
    }

    [Fact]
    public async Task A_session_left_idle_for_more_than_eight_hours_ends()
    {
        var client = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(client);

        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Null(await SecurityTestApp.WhoAmIAsync(client));
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var client = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(client);
        for (var hour = 0; hour < 11; hour += 3)
        {
            app.Clock.Advance(TimeSpan.FromHours(3));
            Assert.NotNull(await SecurityTestApp.WhoAmIAsync(client));
        }

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.Null(await SecurityTestApp.WhoAmIAsync(client));
    }

    [Fact]
    public async Task Changing_the_security_stamp_ends_the_users_sessions_within_a_minute()
    {
        var client = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(client);
        Assert.NotNull(await SecurityTestApp.WhoAmIAsync(client));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(SecurityTestApp.AdminEmail))!);
        }
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Null(await SecurityTestApp.WhoAmIAsync(client));
    }

    public static string SetCookie(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), "no cookie was set");
        var cookie = cookies.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.True(cookie is not null, $"no {name} cookie in: {string.Join(" | ", cookies)}");
        return cookie.ToLowerInvariant();
    }
}

public sealed class HttpsOnlySecurityTestApp : SecurityTestApp
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Site:PublicUrl"] = "https://press.example.eu";
}

/// <summary>Behind HTTPS (a public https:// address), the cookies are __Host- cookies.</summary>
public sealed class HttpsSessionTests(HttpsOnlySecurityTestApp app) : IClassFixture<HttpsOnlySecurityTestApp>
{
    [Fact]
    public async Task The_sign_in_cookie_is_a_secure_host_cookie()
    {
        var client = app.CreateCookieClient("https://press.example.eu");

        var response = await client.PostAsync($"/test/sign-in?email={SecurityTestApp.AdminEmail}", null);

        var cookie = SessionTests.SetCookie(response, "__Host-mepcms.auth");
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("path=/", cookie);
        Assert.Equal(SecurityTestApp.AdminEmail, await SecurityTestApp.WhoAmIAsync(client));
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_a_secure_host_cookie()
    {
        var response = await app.CreateCookieClient("https://press.example.eu").GetAsync("/test/token");

        var cookie = SessionTests.SetCookie(response, "__Host-mepcms.antiforgery");
        Assert.Contains("secure", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
