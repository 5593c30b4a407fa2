using MepCms.BrowserTests.Support;
using MepCms.Web.Features.Account;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An admin's first sign-in: sent to set up an authenticator app, then signing in with its codes.</summary>
[Collection(SiteCollection.Name)]
public sealed class TwoFactorJourneyTests(Site site)
{
    [SkippableFact]
    public async Task A_new_admin_enrols_an_authenticator_app_on_first_sign_in_and_then_signs_in_with_a_code()
    {
        Chromium.SkipOrFailWhenMissing();
        var account = await site.CreateStaffAsync(Roles.Admin, enrolled: false);
        await using var context = await site.NewContextAsync(enforceCsp: true);
        var cspViolations = new List<string>();

        var page = await site.OpenAsync(context, "/account/login");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspViolations.Add(message.Text);
            }
        };
        await StaffSignIn.EnterPasswordAsync(page, account.Email);
        await page.WaitForURLAsync("**/account/two-factor");
        var qr = await page.Locator(".two-factor-qr svg").BoundingBoxAsync();
        var key = await page.Locator(".two-factor-key").InnerTextAsync();
        await page.GetByLabel("Enter the 6-digit code the app shows").FillAsync(StaffSignIn.AppCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the back office" }).ClickAsync();
        await StaffSignIn.WaitForDashboardAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // Signed out only once the answer is in (its cookie cleared); navigating earlier races it.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/account/login");
        await StaffSignIn.EnterPasswordAsync(page, account.Email);
        await StaffSignIn.EnterCodeAsync(page, StaffSignIn.AppCode(key, stepsAhead: 1)); // the first code is spent
        await StaffSignIn.WaitForDashboardAsync(page);

        Assert.True(qr is { Width: >= 150, Height: >= 150 }, $"QR code drawn at {qr?.Width}×{qr?.Height}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        Assert.Empty(cspViolations);
    }

    [SkippableFact]
    public async Task The_enrolment_and_code_pages_have_no_serious_or_critical_axe_violations()
    {
        Chromium.SkipOrFailWhenMissing();
        await using var context = await site.NewContextAsync();
        var enrolment = await site.SignInAsync(context, Roles.Contributor);
        await enrolment.GotoAsync("/account/two-factor");
        Assert.Empty(await Axe.SeriousViolationsAsync(enrolment));

        var admin = await site.CreateStaffAsync(Roles.Admin, enrolled: true);
        await using var other = await site.NewContextAsync();
        var codeStep = await site.OpenAsync(other, "/account/login");
        await StaffSignIn.EnterPasswordAsync(codeStep, admin.Email);
        await codeStep.WaitForURLAsync("**/account/login/code");
        Assert.Empty(await Axe.SeriousViolationsAsync(codeStep));
    }
}
