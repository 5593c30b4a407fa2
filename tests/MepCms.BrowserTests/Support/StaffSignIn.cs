using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests.Support;

/// <summary>
/// Staff accounts made through the app's UserManager, and signing them in through the real pages.
/// An admin has two-factor sign-in on, as admins must, and types a code of an authenticator app
/// that this class computes (Otp.NET) from the account's key.
/// </summary>
public static class StaffSignIn
{
    public const string Password = "a long enough staff password";

    public sealed record Account(string Email, string? AuthenticatorKey);

    public static async Task<Account> CreateStaffAsync(this Site site, string role, bool enrolled)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.test";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!enrolled)
        {
            return new Account(email, null);
        }
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new Account(email, await users.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>A new member of staff in <paramref name="role"/>, signed in and on the dashboard.</summary>
    public static async Task<IPage> SignInAsync(this Site site, IBrowserContext context, string role)
    {
        var account = await site.CreateStaffAsync(role, enrolled: role == Roles.Admin);
        var page = await site.OpenAsync(context, "/account/login");
        await EnterPasswordAsync(page, account.Email);
        if (account.AuthenticatorKey is { } key)
        {
            await EnterCodeAsync(page, AppCode(key));
        }
        await WaitForDashboardAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the browser is on the dashboard and it shows, by assertions that retry and wait for
    /// no page event. WaitForURL, even with Commit, waits for the "load" event when the URL already
    /// matches, and that wait has timed out on a busy machine after the network went idle.
    /// </summary>
    public static async Task WaitForDashboardAsync(IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public static async Task EnterPasswordAsync(IPage page, string email)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task EnterCodeAsync(IPage page, string code)
    {
        await page.WaitForURLAsync("**/account/login/code**");
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// The code an authenticator app shows for <paramref name="key"/>, <paramref name="stepsAhead"/>
    /// 30-second steps from now: the app takes each code once, and accepts the next step's code.
    /// </summary>
    public static string AppCode(string key, int stepsAhead = 0) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()))
            .ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));
}
