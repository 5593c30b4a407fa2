using System.Net;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>Staff turn two-factor sign-in on with an authenticator app, and manage it.</summary>
public sealed class EnrolmentTests(LogCapturingFactory app) : IClassFixture<LogCapturingFactory>
{
    private const string Page = TwoFactorSetup.ManagePath;

    [Fact]
    public async Task An_editor_scans_the_qr_code_confirms_a_code_from_the_app_and_gets_ten_recovery_codes_once()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var response = await editor.Client.GetAsync(Page);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var key = page.QuerySelector(".two-factor-key")!.TextContent;

        var wrong = await editor.Client.PostFormAsync(Page, Page, new() { ["Code"] = Totp.WrongCode(key, app.Clock) });
        var enabledAfterWrongCode = await TwoFactorEnabledAsync(editor.Id);
        var right = await editor.Client.PostFormAsync(Page, Page, new() { ["Code"] = Totp.Code(key, app.Clock) });
        var codes = Html.Parse(await right.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        var afterwards = Html.Parse(await editor.Client.GetStringAsync(Page));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(await StoredKeyAsync(editor.Id), key.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);
        Assert.Contains(TwoFactorController.WrongCode, await wrong.Content.ReadAsStringAsync());
        Assert.False(enabledAfterWrongCode);
        Assert.True(await TwoFactorEnabledAsync(editor.Id));
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(right.Headers.CacheControl!.NoStore);
        Assert.Contains("Two-factor sign-in is on", afterwards.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(afterwards.QuerySelectorAll(".recovery-codes"));
        Assert.DoesNotContain(app.Lines, line => line.Contains(key.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)
            || codes.Any(code => line.Contains(code, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_qr_code_is_inline_svg_without_styles_so_the_strict_content_security_policy_allows_it()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var response = await contributor.Client.GetAsync(Page);
        var html = await response.Content.ReadAsStringAsync();
        var page = Html.Parse(html);

        var svg = XDocument.Parse(page.QuerySelector(".two-factor-qr svg")!.OuterHtml).Root!;

        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Name);
        Assert.Matches(@"^0 0 \d+ \d+$", svg.Attribute("viewBox")!.Value);
        Assert.StartsWith("M", svg.Element(XName.Get("path", "http://www.w3.org/2000/svg"))!.Attribute("d")!.Value, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[style], style, script:not([src])"));
        Assert.Equal([], Html.ActiveContentOfPage(page));
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_needs_a_signed_in_user_and_its_antiforgery_token()
    {
        var anonymous = await app.CreateBrowserlessClient().GetAsync(Page);
        var editor = await app.SignedInAsync(Roles.Editor);
        await editor.Client.GetAsync(Page);

        var withoutToken = await editor.Client.PostAsync(Page, Staff.Form(new() { ["Code"] = "123456" }));

        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(editor.Id));
    }

    [Fact]
    public async Task An_editor_may_turn_it_off_and_then_signs_in_with_the_password_alone()
    {
        var (id, email, key) = await app.EnrolledAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();
        await client.LoginWithCodeAsync(email, Staff.Password, Totp.Code(key, app.Clock));

        var off = await client.PostFormAsync(Page, Page + "/disable", new() { ["CurrentPassword"] = Staff.Password });
        var signIn = await app.CreateBrowserlessClient().LoginAsync(email, Staff.Password);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(id));
        Assert.NotEqual(key, await StoredKeyAsync(id)); // the old key may be on a lost phone
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_admin_cannot_turn_it_off_while_admins_must_have_it()
    {
        var admin = await app.SignedInAsync(Roles.Admin);

        var page = Html.Parse(await admin.Client.GetStringAsync(Page));
        var off = await admin.Client.PostFormAsync(Page, Page + "/disable", new() { ["CurrentPassword"] = Staff.Password });
        var signIn = await app.CreateBrowserlessClient().LoginAsync(admin.Email, Staff.Password);

        Assert.Empty(page.QuerySelectorAll($"[formaction='{Page}/disable'], [action='{Page}/disable']"));
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains(TwoFactorController.AdminsMustKeepIt, await off.Content.ReadAsStringAsync());
        Assert.True(await TwoFactorEnabledAsync(admin.Id));
        Assert.StartsWith(AccountController.SecondStepPath, signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_app_gives_a_new_key_and_an_admin_must_enrol_it_before_the_back_office_opens_again()
    {
        var admin = await app.SignedInAsync(Roles.Admin);

        var reset = await admin.Client.PostFormAsync(Page, Page + "/reset", new() { ["CurrentPassword"] = Staff.Password });
        var backOffice = await admin.Client.GetAsync("/admin");
        var key = Html.Parse(await admin.Client.GetStringAsync(Page)).QuerySelector(".two-factor-key")!.TextContent;
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await admin.Client.PostFormAsync(Page, Page, new() { ["Code"] = Totp.Code(key, app.Clock) });

        Assert.Equal(Page, reset.Headers.Location!.OriginalString);
        Assert.Equal(Page, backOffice.Headers.Location!.OriginalString);
        Assert.NotEqual(admin.AuthenticatorKey, key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData("/reset")]
    [InlineData("/disable")]
    [InlineData("/recovery-codes")]
    public async Task Changing_a_second_factor_that_is_on_needs_the_password_typed_again(string change)
    {
        var (id, email, key) = await app.EnrolledAsync(Roles.Editor);
        var client = app.CreateBrowserlessClient();
        await client.LoginWithCodeAsync(email, Staff.Password, Totp.Code(key, app.Clock));

        var refused = await client.PostFormAsync(Page, Page + change, new() { ["CurrentPassword"] = "not the password at all" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(TwoFactorController.WrongPassword, await refused.Content.ReadAsStringAsync());
        Assert.True(await TwoFactorEnabledAsync(id));
        Assert.Equal(key, await StoredKeyAsync(id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AccessFailedCount).FirstAsync()));
    }

    private Task<bool> TwoFactorEnabledAsync(string id) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstAsync());

    private async Task<string?> StoredKeyAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(id))!);
    }
}
