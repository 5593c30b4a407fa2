using System.Net;
using System.Text;
using MepCms.Tests.Features.Media;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Settings;

/// <summary>Admins give the site the office's identity at /admin/settings; every public page shows it at once.</summary>
public sealed class SiteSettingsTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    /// <summary>The settings form as the page holds it, with some fields changed, posted as the browser does (multipart).</summary>
    private static async Task<HttpResponseMessage> SaveAsync(StaffMember admin, Dictionary<string, string> changes, (byte[] Content, string Name, string Type)? logo = null,
        Dictionary<string, string>? loaded = null)
    {
        var fields = loaded ?? await LoadAsync(admin);
        foreach (var (key, value) in changes) { fields[key] = value; }
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields) { form.Add(new StringContent(value), key); }
        if (logo is { } file) { form.Add(MediaRequests.File(file.Content, file.Type), "LogoFile", file.Name); }
        return await admin.Client.PostAsync("/admin/settings", form);
    }

    private static async Task<Dictionary<string, string>> LoadAsync(StaffMember admin)
    {
        var page = await admin.Client.GetDocumentAsync("/admin/settings");
        return page.QuerySelectorAll("#settings-form input[name]:not([type=file]):not([type=checkbox]), #settings-form textarea[name]")
            .ToDictionary(e => e.GetAttribute("name")!, e => e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? "");
    }

    private Task ResetAsync() => app.WithDbAsync(async db =>
    {
        await db.SiteSettings.ExecuteDeleteAsync();
        app.Services.GetService(typeof(SiteIdentity)).As<SiteIdentity>().Forget();
    });

    [Fact]
    public async Task Without_settings_the_site_has_its_built_in_pages_and_footer()
    {
        await ResetAsync();
        var home = await _reader.GetDocumentAsync("/");
        var privacy = await _reader.GetDocumentAsync("/privacy");
        var accessibility = await _reader.GetDocumentAsync("/accessibility");
        var legal = await _reader.GetDocumentAsync("/legal-notice");

        Assert.Equal(["/legal-notice", "/privacy", "/accessibility"], home.QuerySelectorAll("footer nav a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(home.QuerySelector("footer a[href='/subscribe']"));
        Assert.NotNull(home.QuerySelector("footer a[href='/feed.xml']"));
        Assert.Null(home.QuerySelector("link[href^='/brand/theme.css']"));
        Assert.Null(home.QuerySelector(".site-brand__logo"));
        Assert.Equal("Privacy notice", privacy.QuerySelector("h1")!.TextContent);
        Assert.Contains("never your IP address", privacy.QuerySelector("main")!.TextContent);
        Assert.Contains("Directive (EU) 2016/2102", accessibility.QuerySelector("main")!.TextContent);
        Assert.Contains("not official positions of the European Parliament", legal.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Saved_settings_show_on_every_page_at_once_and_are_audited()
    {
        await ResetAsync();
        var admin = await app.SignedInAsync(Roles.Admin);
        await _reader.GetStringAsync("/"); // cached before the change
        await _reader.GetStringAsync("/legal-notice");

        var saved = await SaveAsync(admin, new()
        {
            ["Name"] = "Press office of Ana Lobo MEP", ["Tagline"] = "Statements on energy and climate", ["BrandColour"] = "#1F4E3D", ["AccentColour"] = "#9a3412",
            ["PressEmail"] = "press@lobo.example.eu", ["PressPhone"] = "+32 2 284 00 00", ["PressAddress"] = "Rue Wiertz 60, 1047 Brussels",
            ["SocialLinks"] = "https://bsky.app/profile/lobo.example.eu\nhttps://www.linkedin.com/in/ana-lobo", ["FooterText"] = "Paid for by the office's own budget.",
            ["LegalNoticeMarkdown"] = "## Publisher\n\nThe office of **Ana Lobo**. <script>alert(1)</script> [x](javascript:alert(1))",
        });
        var home = await _reader.GetDocumentAsync("/");
        var theme = await _reader.GetStringAsync(home.QuerySelector("link[href^='/brand/theme.css']")!.GetAttribute("href")!);
        var legal = await _reader.GetDocumentAsync("/legal-notice");
        var feed = await _reader.GetStringAsync("/feed.xml");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Press office of Ana Lobo MEP", home.QuerySelector(".site-brand__name")!.TextContent);
        Assert.StartsWith("Press office of Ana Lobo MEP", home.Title);
        Assert.Contains("--brand: #1f4e3d", theme);
        Assert.Contains("--accent: #9a3412", theme);
        var footer = home.QuerySelector("footer")!;
        Assert.NotNull(footer.QuerySelector("a[href='mailto:press@lobo.example.eu']"));
        Assert.Contains("+32 2 284 00 00", footer.TextContent);
        Assert.Contains("Paid for by the office's own budget.", footer.TextContent);
        Assert.Equal(["Bluesky", "LinkedIn"], footer.QuerySelectorAll("a[rel~='me']").Select(a => a.TextContent));
        Assert.Equal("Publisher", legal.QuerySelector("main h2")!.TextContent);
        Assert.Empty(Html.ActiveContent(legal.QuerySelector("main")!));
        Assert.Contains("<title>Press office of Ana Lobo MEP</title>", feed);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SiteSettingsChanged).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Contains("name", audit.Summary);
        Assert.Contains("brand colour", audit.Summary);
        Assert.Contains("legal notice", audit.Summary);
    }

    [Theory]
    [InlineData("BrandColour", "#ffcc00", "has a contrast of 1.5:1 with white")]
    [InlineData("AccentColour", "#ff6666", "needs at least 4.5:1")]
    [InlineData("BrandColour", "green", "# and six hexadecimal digits")]
    [InlineData("PressEmail", "press at example", "one address")]
    [InlineData("SocialLinks", "http://insecure.example.com", "https:// address")]
    [InlineData("SocialLinks", "javascript:alert(1)", "https:// address")]
    [InlineData("Name", "A name far too long for any header of any site, repeated to go past the limit of one hundred characters set", "not saved")]
    public async Task Bad_settings_are_refused_with_a_message_and_nothing_changes(string field, string value, string message)
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var before = await app.WithDbAsync(db => db.SiteSettings.AsNoTracking().Select(s => s.Version).FirstOrDefaultAsync());

        var response = await SaveAsync(admin, new() { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await app.WithDbAsync(db => db.SiteSettings.AsNoTracking().Select(s => s.Version).FirstOrDefaultAsync()));
    }

    [Fact]
    public async Task An_svg_logo_is_rebuilt_without_anything_that_could_run_or_fetch()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        const string svg = """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 40" onload="alert(1)">
              <script>alert(2)</script>
              <style>circle { fill: url(https://tracker.example/x.png) }</style>
              <circle cx="20" cy="20" r="18" fill="#123a73" onclick="alert(3)"/>
              <image href="https://tracker.example/pixel.png" width="1" height="1"/>
              <use xlink:href="https://evil.example/sprite.svg#a"/>
              <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
              <a href="javascript:alert(4)"><rect width="5" height="5" fill="url(https://tracker.example/y)"/></a>
              <text x="4" y="24" font-size="10">MEP</text>
            </svg>
            """;

        var saved = await SaveAsync(admin, [], (Encoding.UTF8.GetBytes(svg), "logo.svg", "image/svg+xml"));
        var home = await _reader.GetDocumentAsync("/");
        var logoUrl = home.QuerySelector("img.site-brand__logo")!.GetAttribute("src")!;
        var logo = await _reader.GetAsync(logoUrl);
        var stored = await logo.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", logo.Headers.CacheControl!.ToString());
        Assert.Contains("<circle", stored);
        Assert.Contains(">MEP</text>", stored);
        foreach (var gone in new[] { "script", "onload", "onclick", "style", "tracker.example", "evil.example", "foreignObject", "javascript", "<image", "<a " })
        {
            Assert.DoesNotContain(gone, stored, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("", home.QuerySelector("img.site-brand__logo")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task A_png_logo_is_encoded_again_and_files_that_are_not_logos_are_refused()
    {
        var admin = await app.SignedInAsync(Roles.Admin);

        var big = await SaveAsync(admin, [], (TestImages.Png(900, 300), "logo.png", "image/png"));
        Assert.True(big.StatusCode == HttpStatusCode.Redirect, await big.Content.ReadAsStringAsync());
        var (content, type) = await app.WithDbAsync(async db => await db.SiteSettings.AsNoTracking().Select(s => new Tuple<byte[]?, string?>(s.Logo, s.LogoContentType)).FirstAsync());
        var text = await SaveAsync(admin, [], (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "logo.svg", "image/svg+xml"));
        var huge = await SaveAsync(admin, [], (new byte[SiteSettingsLimits.LogoBytes + 1], "logo.png", "image/png"));
        var removed = await SaveAsync(admin, new() { ["RemoveLogo"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, big.StatusCode);
        Assert.Equal("image/png", type);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(content))
        {
            Assert.Equal((512, 171), (bitmap.Width, bitmap.Height));
        }
        Assert.Contains("must be an SVG drawing or a PNG image", WebUtility.HtmlDecode(await text.Content.ReadAsStringAsync()));
        Assert.Contains("at most 200 KB", WebUtility.HtmlDecode(await huge.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.SiteSettings.AsNoTracking().Select(s => s.Logo).FirstAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/brand/logo")).StatusCode);
    }

    [Fact]
    public async Task Two_admins_saving_at_once_never_lose_a_save_silently()
    {
        var anna = await app.SignedInAsync(Roles.Admin);
        var ben = await app.SignedInAsync(Roles.Admin);
        await SaveAsync(anna, new() { ["Tagline"] = "First" });
        var bensForm = await LoadAsync(ben);
        await SaveAsync(anna, new() { ["Tagline"] = "Anna's tagline" });

        var conflict = await SaveAsync(ben, new() { ["Tagline"] = "Ben's tagline" }, loaded: bensForm);
        var html = await conflict.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Another admin saved the settings", html);
        Assert.Contains("Ben&#x27;s tagline", html);
        Assert.Equal("Anna's tagline", await app.WithDbAsync(db => db.SiteSettings.AsNoTracking().Select(s => s.Tagline).FirstAsync()));
    }

    [Fact]
    public async Task Only_admins_reach_the_settings()
    {
        var editor = await app.SignedInAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Client.GetAsync("/admin/settings")).StatusCode);
    }
}

internal static class ServiceCast
{
    public static T As<T>(this object? service) => (T)service!;
}
