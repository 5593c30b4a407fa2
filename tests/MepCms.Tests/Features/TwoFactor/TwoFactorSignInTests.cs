using System.Net;
using MepCms.Tests.Security;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>Signing in with two-factor on: the password, then a code of the authenticator app or a recovery code.</summary>
public sealed class TwoFactorSignInTests(SecurityTestApp app) : IClassFixture<SecurityTestApp>
{
    [Fact]
    public async Task A_correct_password_alone_leads_to_the_code_step_and_not_into_the_back_office()
    {
        var (_, email, _) = await app.EnrolledAsync(Roles.Admin);
        var client = app.CreateBrowserlessClient();

        var password = await client.LoginAsync(email, Staff.Password, "/admin/articles");
        var backOffice = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal(AccountController.SecondStepPath + "?returnUrl=%2Fadmin%2Farticles", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, backOffice.StatusCode);
        Assert.StartsWith("/account/login", backOffice.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_from_the_app_completes_the_sign_in_and_keeps_the_return_address()
    {
        var (_, email, key) = await app.EnrolledAsync(Roles.Admin);
        var client = app.CreateBrowserlessClient();

        var response = await client.LoginWithCodeAsync(email, Staff.Password, Totp.Code(key, app.Clock), "/admin/articles");
        var backOffice = await client.GetAsync("/admin/articles");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/articles", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, backOffice.StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_gets_the_generic_message_counts_towards_lockout_and_is_logged()
    {
        var (id, email, key) = await app.EnrolledAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        var response = await client.LoginWithCodeAsync(email, Staff.Password, Totp.WrongCode(key, app.Clock));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AccountController.SecondStepFailure, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AccessFailedCount).FirstAsync()));
        Assert.Contains(app.Logs.Messages, m => m.Contains("Sign-in failed", StringComparison.Ordinal) && m.Contains(id, StringComparison.Ordinal) && m.Contains("wrong authenticator code", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode); // still not signed in
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_so_even_the_right_code_is_refused()
    {
        var (id, email, key) = await app.EnrolledAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);

        for (var i = 0; i < 5; i++)
        {
            await client.SecondStepAsync(AccountController.SecondStepPath, Totp.WrongCode(key, app.Clock));
        }
        var right = await client.SecondStepAsync(AccountController.SecondStepPath, Totp.Code(key, app.Clock));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).FirstAsync()));
        Assert.Contains("Security.LockedOut", app.Logs.EventNames);
    }

    [Fact]
    public async Task A_code_is_accepted_once_so_a_replay_in_its_window_is_refused_and_the_next_code_works()
    {
        var (_, email, key) = await app.EnrolledAsync(Roles.Admin);
        var code = Totp.Code(key, app.Clock);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginWithCodeAsync(email, Staff.Password, code)).StatusCode);

        var replay = await app.CreateBrowserlessClient().LoginWithCodeAsync(email, Staff.Password, code);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await app.CreateBrowserlessClient().LoginWithCodeAsync(email, Staff.Password, Totp.Code(key, app.Clock));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains(AccountController.SecondStepFailure, await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_let_exactly_one_in_and_never_fail_with_a_500()
    {
        var (_, email, key) = await app.EnrolledAsync(Roles.Admin);
        var clients = new[] { app.CreateBrowserlessClient(), app.CreateBrowserlessClient(), app.CreateBrowserlessClient() };
        var tokens = new List<string>();
        foreach (var client in clients)
        {
            await client.LoginAsync(email, Staff.Password);
            tokens.Add(await client.AntiforgeryTokenAsync(AccountController.SecondStepPath));
        }
        var code = Totp.Code(key, app.Clock);

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostAsync(AccountController.SecondStepPath, Staff.Form(new() { ["Code"] = code }, tokens[i]))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.True(2 == responses.Count(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => r.StatusCode)));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var codes = await admin.Client.NewRecoveryCodesAsync();

        var first = await RecoverAsync(admin.Email, codes[3].ToLowerInvariant());
        var second = await RecoverAsync(admin.Email, codes[3]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/admin", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(AccountController.SecondStepFailure, await second.Content.ReadAsStringAsync());
        Assert.Contains("Security.RecoveryCodeUsed", app.Logs.EventNames);
    }

    [Fact]
    public async Task Making_new_recovery_codes_ends_the_old_ones()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var old = await admin.Client.NewRecoveryCodesAsync();
        var fresh = await admin.Client.NewRecoveryCodesAsync();

        Assert.Equal(10, fresh.Count);
        Assert.Empty(old.Intersect(fresh));
        Assert.Equal(HttpStatusCode.OK, (await RecoverAsync(admin.Email, old[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RecoverAsync(admin.Email, fresh[0])).StatusCode);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_as_salted_hashes_and_still_counted()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var codes = await admin.Client.NewRecoveryCodesAsync();

        var stored = await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == admin.Id).Select(t => t.Value ?? "").ToListAsync());
        var page = Html.Parse(await admin.Client.GetStringAsync("/account/two-factor"));

        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, value => codes.Any(code => value.Contains(code, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("You have 10 unused recovery codes", page.Body!.TextContent.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_recovery_code_counts_towards_lockout()
    {
        var (id, email, _) = await app.EnrolledAsync(Roles.Contributor);

        await RecoverAsync(email, "AAAAA-BBBBB");

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AccessFailedCount).FirstAsync()));
    }

    [Theory]
    [InlineData(AccountController.SecondStepPath)]
    [InlineData(AccountController.RecoveryStepPath)]
    public async Task The_second_step_without_a_password_first_sends_back_to_the_sign_in_page(string path)
    {
        var client = app.CreateBrowserlessClient();
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var page = await client.GetAsync(path);
        var post = await client.PostAsync(path, Staff.Form(new() { ["Code"] = "123456" }, token));

        Assert.Equal("/account/login", page.Headers.Location!.OriginalString);
        Assert.Equal("/account/login", post.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_code_step_is_never_stored_carries_the_security_headers_and_needs_its_antiforgery_token()
    {
        var (_, email, key) = await app.EnrolledAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);

        var page = await client.GetAsync(AccountController.SecondStepPath);
        var withoutToken = await client.PostAsync(AccountController.SecondStepPath, Staff.Form(new() { ["Code"] = Totp.Code(key, app.Clock) }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    private async Task<HttpResponseMessage> RecoverAsync(string email, string code)
    {
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);
        return await client.SecondStepAsync(AccountController.RecoveryStepPath, code);
    }
}
