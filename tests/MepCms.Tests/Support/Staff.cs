using System.Net;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Support;

/// <summary>A member of staff created through the app's UserManager, and a client signed in as them.</summary>
public sealed record StaffMember(string Id, string Email, string Password, HttpClient Client);

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

    /// <summary>A new user in <paramref name="role"/> with a client that is signed in (cookies kept, redirects not followed).</summary>
    public static async Task<StaffMember> SignedInAsync(this MepCmsFactory app, string role)
    {
        var (id, email) = await app.CreateUserAsync(role);
        var client = app.CreateBrowserlessClient();
        var response = await client.LoginAsync(email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {response.StatusCode}");
        }
        return new StaffMember(id, email, Password, client);
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
