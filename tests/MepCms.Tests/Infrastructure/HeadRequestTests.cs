using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Infrastructure;

/// <summary>HEAD answers as GET does, without a body (link checkers and uptime monitors send it).</summary>
public sealed class HeadRequestTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url) => _client.SendAsync(new HttpRequestMessage(method, url));

    [Fact]
    public async Task Public_pages_answer_head_with_the_status_and_headers_of_get()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        foreach (var url in new[] { "/", $"/articles/{article.Slug}", "/meps", "/search?q=statement", "/feed.xml", "/sitemap.xml" })
        {
            var head = await SendAsync(HttpMethod.Head, url);
            var get = await SendAsync(HttpMethod.Get, url);

            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.True(head.Headers.Contains("Content-Security-Policy"), url);
        }
    }

    [Fact]
    public async Task A_head_request_never_leaves_an_empty_page_in_the_cache_for_a_get()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var url = $"/articles/{article.Slug}";

        await SendAsync(HttpMethod.Head, url);
        await SendAsync(HttpMethod.Head, url);
        var get = await SendAsync(HttpMethod.Get, url);

        Assert.Contains(article.Title, await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_meets_the_same_404_and_sign_in_redirect_as_get()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Head, "/articles/no-such-statement")).StatusCode);
        var admin = await SendAsync(HttpMethod.Head, "/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/account/login", admin.Headers.Location!.AbsolutePath);
    }
}
