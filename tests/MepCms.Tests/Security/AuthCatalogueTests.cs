using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>
/// Catalogue rows A1 (guessing passwords from one address) and A2 (return URLs). Lockout after five
/// failures and the one generic failure message are in SignInTests.
/// </summary>
public sealed class AuthCatalogueTests(LoginLimitApp app) : IClassFixture<LoginLimitApp>
{
    [Fact]
    public async Task A1_one_address_gets_ten_sign_in_attempts_a_minute_then_429_with_retry_after_whatever_the_accounts()
    {
        var client = app.ClientFrom("203.0.113.7");

        for (var i = 0; i < LoginLimitApp.Limit; i++)
        {
            var attempt = await client.LoginAsync($"guess-{i}@test.local", "one wrong password each");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Contains(AccountController.FailureMessage, await attempt.Content.ReadAsStringAsync());
        }
        var refused = await client.LoginAsync(MepCmsFactory.AdminEmail, MepCmsFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Security.RateLimited", app.Logs.EventNames);
        Assert.Null(refused.Headers.Location); // not signed in
    }

    [Fact]
    public async Task A1_the_limit_is_per_address_so_another_office_can_still_sign_in()
    {
        var guesser = app.ClientFrom("198.51.100.9");
        for (var i = 0; i <= LoginLimitApp.Limit; i++)
        {
            await guesser.LoginAsync(MepCmsFactory.AdminEmail, "wrong password " + i);
        }
        var (_, email) = await app.CreateUserAsync(Roles.Editor);

        var colleague = await app.ClientFrom("192.0.2.44").LoginAsync(email, Staff.Password);

        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    [Fact]
    public async Task A1_second_step_codes_count_towards_the_same_sign_in_limit()
    {
        var (_, email, key) = await app.EnrolledAsync(Roles.Admin);
        var client = app.ClientFrom("203.0.113.61");
        await client.LoginAsync(email, Staff.Password);

        for (var i = 1; i < LoginLimitApp.Limit; i++)
        {
            var attempt = await client.SecondStepAsync(AccountController.SecondStepPath, Totp.WrongCode(key, app.Clock));
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        var refused = await client.SecondStepAsync(AccountController.SecondStepPath, Totp.Code(key, app.Clock));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.Location); // not signed in
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A2_a_foreign_or_script_return_url_lands_on_the_admin_home_and_is_not_put_in_the_form(string returnUrl)
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.ClientFrom("192.0.2.80");

        var form = await client.GetDocumentAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await client.LoginAsync(email, Staff.Password, returnUrl);

        Assert.Equal("", form.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value") ?? "");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }
}

/// <summary>The app with the production sign-in limit and a test-only way to say which address a request comes from.</summary>
public sealed class LoginLimitApp : SecurityTestApp
{
    public const int Limit = 10;
    private const string PeerHeader = "X-Test-Peer";

    public HttpClient ClientFrom(string address)
    {
        var client = CreateCookieClient();
        client.DefaultRequestHeaders.Add(PeerHeader, address);
        return client;
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Security:LoginAttemptsPerMinute"] = $"{Limit}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
