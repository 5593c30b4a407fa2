using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace MepCms.Benchmarks;

/// <summary>
/// A member of staff in the back office, as a browser is: cookies kept, redirects not followed,
/// each POST carrying the antiforgery token of the page its form is on.
/// </summary>
internal sealed partial class BackOffice : IDisposable
{
    private readonly HttpClient _client;

    private BackOffice(string baseUrl)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        _client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<BackOffice> SignInAsync(string baseUrl, string email, string password)
    {
        var staff = new BackOffice(baseUrl);
        var token = await staff.TokenAsync("/account/login", "/account/login");
        using var response = await staff._client.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new("ReturnUrl", ""), new("__RequestVerificationToken", token)]));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith("/account/", StringComparison.Ordinal) != false)
        {
            staff.Dispose();
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return staff;
    }

    /// <summary>
    /// Opens the statement's edit page (untimed) and clicks "Publish now": answers how long the POST
    /// took, from sending it to the end of its answer (the redirect back to the edit page).
    /// </summary>
    public async Task<TimeSpan> PublishAsync(int id)
    {
        var action = $"/admin/articles/{id}/publish";
        var token = await TokenAsync($"/admin/articles/{id}/edit", action);
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync(action, content);
        await response.Content.LoadIntoBufferAsync();
        var took = watch.Elapsed;
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != $"/admin/articles/{id}/edit")
        {
            throw new InvalidOperationException($"Publishing statement {id} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        return took;
    }

    /// <summary>The antiforgery token of the form posting to <paramref name="action"/> on the page.</summary>
    private async Task<string> TokenAsync(string page, string action)
    {
        using var response = await _client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        foreach (Match form in Form().Matches(html))
        {
            if (WebUtility.HtmlDecode(form.Groups["action"].Value) == action && TokenInput().Match(form.Value) is { Success: true } input
                && Value().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups["value"].Value);
            }
        }
        throw new InvalidOperationException($"GET {page} has no form posting to {action} with an antiforgery token.");
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""<form[^>]*\baction="(?<action>[^"]*)"[^>]*>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("""<input[^>]*\bname="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"\bvalue=""(?<value>[^""]*)""")]
    private static partial Regex Value();
}
