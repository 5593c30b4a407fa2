using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Account;

public sealed class SignInTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task Staff_sign_in_with_email_and_password_and_land_on_the_dashboard()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        var response = await client.LoginAsync(email, Staff.Password);
        var dashboard = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.True(dashboard.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        var wrongPassword = await (await client.LoginAsync(email, "not the right password")).Content.ReadAsStringAsync();
        var unknownEmail = await (await client.LoginAsync("nobody@test.local", Staff.Password)).Content.ReadAsStringAsync();

        Assert.Equal(AccountController.FailureMessage, Html.Parse(wrongPassword).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(AccountController.FailureMessage, Html.Parse(unknownEmail).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_is_refused()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(email, "wrong password number " + i);
        }
        var withRightPassword = await client.LoginAsync(email, Staff.Password);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode); // the form again, not a redirect
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).FirstAsync());
        Assert.NotNull(lockoutEnd);
        // Identity's lockout runs on the system clock, not the app's injected one.
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_to_another_site_is_not_followed(string returnUrl)
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        var response = await client.LoginAsync(email, Staff.Password, returnUrl);

        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_local_return_url_is_followed()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        var response = await client.LoginAsync(email, Staff.Password, "/admin/articles?status=Draft");

        Assert.Equal("/admin/articles?status=Draft", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_login_post_without_an_antiforgery_token_is_refused()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Editor);

        var response = await app.CreateBrowserlessClient().PostAsync("/account/login", Staff.Form(new() { ["Email"] = email, ["Password"] = Staff.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_ins_and_failed_sign_ins_are_in_the_audit_trail()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();

        await client.LoginAsync(email, "wrong password here");
        await client.LoginAsync(email, Staff.Password);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.UserSignInFailed, AuditActions.UserSignedIn], actions);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var staff = await app.SignedInAsync(Roles.Editor);

        var response = await staff.Client.PostFormAsync("/admin", "/account/logout", []);
        var after = await staff.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_change_their_own_password_and_sign_in_with_the_new_one()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);
        const string newPassword = "an even longer new password";

        var changed = await staff.Client.PostFormAsync("/account/password", "/account/password",
            new() { ["CurrentPassword"] = staff.Password, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword });
        var withOld = await app.CreateBrowserlessClient().LoginAsync(staff.Email, staff.Password);
        var withNew = await app.CreateBrowserlessClient().LoginAsync(staff.Email, newPassword);

        Assert.Contains("Your password has been changed", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [Fact]
    public async Task A_new_password_shorter_than_twelve_characters_is_refused()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);

        var response = await staff.Client.PostFormAsync("/account/password", "/account/password",
            new() { ["CurrentPassword"] = staff.Password, ["NewPassword"] = "short pw 11", ["ConfirmPassword"] = "short pw 11" });

        Assert.DoesNotContain("Your password has been changed", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginAsync(staff.Email, staff.Password)).StatusCode);
    }

    [Fact]
    public async Task The_password_page_shows_no_error_box_until_a_change_is_refused_and_carries_no_inline_style()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);

        var blank = Html.Parse(await staff.Client.GetStringAsync("/account/password"));
        var refused = Html.Parse(await (await staff.Client.PostFormAsync("/account/password", "/account/password",
            new() { ["CurrentPassword"] = staff.Password, ["NewPassword"] = "short pw 11", ["ConfirmPassword"] = "short pw 11" })).Content.ReadAsStringAsync());

        Assert.Null(blank.QuerySelector(".admin-alert--error"));
        Assert.Empty(blank.QuerySelectorAll("[style]"));
        Assert.NotEmpty(refused.QuerySelector("[role=alert]")!.QuerySelectorAll("li"));
        Assert.Empty(refused.QuerySelectorAll("[style]"));
    }
}
