using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Media;

/// <summary>The app on a real Kestrel port, so request size limits behave as in production.</summary>
public sealed class KestrelMediaFactory : MepCmsFactory
{
    public KestrelMediaFactory() => ListenOnLoopback();

    public async Task<HttpClient> SignedInRealClientAsync(string role)
    {
        var client = CreateRealClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() });
        var (_, email) = await this.CreateUserAsync(role);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Staff.Password)).StatusCode);
        return client;
    }
}

/// <summary>Files far over the limit get a friendly page in the back office's layout, and nothing is stored.</summary>
public sealed class UploadSizeTests(KestrelMediaFactory app) : IClassFixture<KestrelMediaFactory>
{
    private const int TwentyMegabytes = 20 * 1024 * 1024;

    private async Task AssertFriendlyTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The file is too large", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("at most 5 MB", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("body.admin header nav"));
        Assert.Empty(app.StoredFiles());
        Assert.Empty(await app.StoredItemsAsync());
    }

    [Fact]
    public async Task A_20_MB_file_gets_a_friendly_413_page_and_stores_nothing()
    {
        var client = await app.SignedInRealClientAsync(Roles.Contributor);

        var response = await client.UploadAsync(new byte[TwentyMegabytes]);

        await AssertFriendlyTooLargeAsync(response);
        Assert.Contains("20 MB", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("/admin/media", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main a[href='/admin/media']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_large_file_sent_without_a_length_is_cut_off_with_the_same_page()
    {
        var client = await app.SignedInRealClientAsync(Roles.Contributor);
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Too big"), "AltText" },
            { MediaRequests.File(new byte[6 * 1024 * 1024], "image/jpeg"), "File", "big.jpg" },
        };
        var body = new StreamContent(await form.ReadAsStreamAsync());
        body.Headers.ContentType = form.Headers.ContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await AssertFriendlyTooLargeAsync(response);
    }

    [Fact]
    public async Task A_20_MB_photo_on_the_mep_form_gets_the_same_friendly_page()
    {
        var client = await app.SignedInRealClientAsync(Roles.Editor);
        var form = new MultipartFormDataContent
        {
            { new StringContent(await client.AntiforgeryTokenAsync("/admin/meps/new")), "__RequestVerificationToken" },
            { new StringContent("Big Photo"), "FullName" },
            { MediaRequests.File(new byte[TwentyMegabytes], "image/jpeg"), "Photo", "big.jpg" },
        };

        var response = await client.PostAsync("/admin/meps/new", form);

        await AssertFriendlyTooLargeAsync(response);
        Assert.NotNull(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main a[href='/admin/meps/new']"));
    }

    [Fact]
    public async Task The_picker_gets_the_message_as_json()
    {
        var client = await app.SignedInRealClientAsync(Roles.Contributor);

        var response = await client.UploadAsync(new byte[TwentyMegabytes], json: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 5 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
