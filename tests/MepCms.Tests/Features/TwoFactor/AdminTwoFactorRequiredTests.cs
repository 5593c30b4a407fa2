using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.TwoFactor;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>Admins must sign in with two factors: without it they are sent to enrol, and only there.</summary>
public sealed class AdminTwoFactorRequiredTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task The_first_admin_is_sent_to_enrol_on_first_sign_in_and_then_works_in_the_back_office()
    {
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(MepCmsFactory.AdminEmail, MepCmsFactory.AdminPassword);

        var dashboard = await client.GetAsync("/admin");
        var enrolment = await client.GetAsync(dashboard.Headers.Location!.OriginalString);
        var key = Html.Parse(await enrolment.Content.ReadAsStringAsync()).QuerySelector(".two-factor-key")!.TextContent;
        var enrolled = await client.PostFormAsync(TwoFactorSetup.ManagePath, TwoFactorSetup.ManagePath, new() { ["Code"] = Totp.Code(key, app.Clock) });

        Assert.Equal(TwoFactorSetup.ManagePath, dashboard.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_admin_without_two_factor_reaches_enrolment_password_change_and_sign_out_but_no_back_office_page()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Admin);
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);

        foreach (var path in new[] { "/admin", "/admin/articles", "/admin/users", "/admin/articles/new" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == TwoFactorSetup.ManagePath, $"{path}: {response.StatusCode}");
        }
        var post = await client.PostFormAsync(TwoFactorSetup.ManagePath, "/admin/users/new", new() { ["Email"] = "sneaky@test.local", ["Role"] = Roles.Admin });

        Assert.Equal(TwoFactorSetup.ManagePath, post.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TwoFactorSetup.ManagePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);
        var signOut = await client.PostFormAsync(TwoFactorSetup.ManagePath, "/account/logout", []);
        Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        Assert.StartsWith("/account/login", (await client.GetAsync("/admin")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Contributor)]
    public async Task Editors_and_contributors_may_work_without_it(string role)
    {
        var staff = await app.SignedInAsync(role);

        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/admin")).StatusCode);
    }
}

/// <summary>With `Security:RequireTwoFactorForAdmins` off, two-factor is every admin's own choice.</summary>
public sealed class AdminTwoFactorOptionalTests(AdminTwoFactorOptionalTests.OptionalApp app) : IClassFixture<AdminTwoFactorOptionalTests.OptionalApp>
{
    public sealed class OptionalApp : MepCmsFactory
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Security:RequireTwoFactorForAdmins"] = "false";
    }

    [Fact]
    public async Task An_admin_without_two_factor_works_in_the_back_office_and_may_turn_it_off()
    {
        var (_, email) = await app.CreateUserAsync(Roles.Admin);
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);
        var enrolled = await app.SignedInAsync(Roles.Admin);

        var off = await enrolled.Client.PostFormAsync(TwoFactorSetup.ManagePath, TwoFactorSetup.ManagePath + "/disable", new() { ["CurrentPassword"] = Staff.Password });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
    }
}
