using System.Net;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Support;

/// <summary>
/// A member of staff created through the app's UserManager, and a client signed in as them;
/// <paramref name="AuthenticatorKey"/> when two-factor sign-in is on (always for an admin).
/// </summary>
public sealed record StaffMember(string Id, string Email, string Password, HttpClient Client, string? AuthenticatorKey = null);

/// <summary>Signs staff in the way a browser does: GET the form, scrape its antiforgery token, POST it.</summary>
public static class Staff
{
    public const string Password = "a long enough staff password";

    public static async Task<(string Id, string Email)> CreateUserAsync(this MepCmsFactory app, string role, string password = Password)
    {
        var email = $"{TestData.Unique(role.ToLowerInvariant())}@test.local";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return (user.Id, email);
    }

    /// <summary>
    /// A new user in <paramref name="role"/> with a client that is signed in (cookies kept, redirects
    /// not followed). An admin is enrolled in two-factor sign-in first and signs in with a code, as
    /// admins must.
    /// </summary>
    public static async Task<StaffMember> SignedInAsync(this MepCmsFactory app, string role)
    {
        var (id, email) = await app.CreateUserAsync(role);
        var key = role == Roles.Admin ? await app.EnrolAsync(id) : null;
        var client = app.CreateBrowserlessClient();
        var response = key is null ? await client.LoginAsync(email, Password) : await client.LoginWithCodeAsync(email, Password, Totp.Code(key, app.Clock));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith("/account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {response.StatusCode} {response.Headers.Location}");
        }
        return new StaffMember(id, email, Password, client, key);
    }

    /// <summary>Turns two-factor sign-in on for the user, as confirming a code on the enrolment page does; answers the key.</summary>
    public static async Task<string> EnrolAsync(this MepCmsFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await EnrolAsync(users, (await users.FindByIdAsync(userId))!);
    }

    public static async Task<string> EnrolAsync(UserManager<AppUser> users, AppUser user)
    {
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Both sign-in steps: the password, then the authenticator <paramref name="code"/>; answers the second step's response.</summary>
    public static async Task<HttpResponseMessage> LoginWithCodeAsync(this HttpClient client, string email, string password, string code, string? returnUrl = null)
    {
        var first = await client.LoginAsync(email, password, returnUrl);
        if (first.Headers.Location?.OriginalString.StartsWith(AccountController.SecondStepPath, StringComparison.Ordinal) != true)
        {
            return first;
        }
        return await client.PostFormAsync(first.Headers.Location.OriginalString, AccountController.SecondStepPath, new() { ["Code"] = code, ["ReturnUrl"] = returnUrl ?? "" });
    }

    /// <summary>A new user in <paramref name="role"/> with two-factor sign-in on, not signed in.</summary>
    public static async Task<(string Id, string Email, string Key)> EnrolledAsync(this MepCmsFactory app, string role)
    {
        var (id, email) = await app.CreateUserAsync(role);
        return (id, email, await app.EnrolAsync(id));
    }

    /// <summary>Posts a code to a second sign-in step (<paramref name="path"/>: the code or the recovery-code page).</summary>
    public static Task<HttpResponseMessage> SecondStepAsync(this HttpClient client, string path, string code) =>
        client.PostFormAsync(path, path, new() { ["Code"] = code });

    /// <summary>Makes new recovery codes on the two-factor page as the signed-in user; answers the codes shown.</summary>
    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(this HttpClient client, string password = Password)
    {
        var response = await client.PostFormAsync("/account/two-factor", "/account/two-factor/recovery-codes", new() { ["CurrentPassword"] = password });
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        return [.. page.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent)];
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password, string? returnUrl = null) =>
        client.PostFormAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)), "/account/login",
            new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl ?? "" });

    /// <summary>The antiforgery token of the first form on <paramref name="pageUrl"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var response = await client.GetAsync(pageUrl);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({response.StatusCode})");
    }

    /// <summary>POSTs <paramref name="fields"/> with the token scraped from <paramref name="pageUrl"/>, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        return await client.PostAsync(postUrl, Form(fields, token));
    }

    public static FormUrlEncodedContent Form(Dictionary<string, string> fields, string? token = null) =>
        new(token is null ? fields : fields.Append(new("__RequestVerificationToken", token)));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
