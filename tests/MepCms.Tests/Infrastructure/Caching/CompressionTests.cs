using System.Net.Http.Headers;
using MepCms.Tests.Support;

namespace MepCms.Tests.Infrastructure.Caching;

public sealed class CompressionTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Public_pages_are_compressed_for_readers_who_accept_it_and_plain_for_the_others()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var url = $"/articles/{article.Slug}";

        var brotli = await GetAsync(_reader, url, "br");
        var plain = await GetAsync(_reader, url, null);
        var gzip = await GetAsync(_reader, url, "gzip");

        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(plain.IsFromCache());
        Assert.Contains(article.Title, await plain.Content.ReadAsStringAsync());
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.True((await brotli.Content.ReadAsByteArrayAsync()).Length < (await plain.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_signed_in_editor_and_the_back_office_are_never_compressed()
    {
        var editor = await app.CreateSignedInClientAsync();

        Assert.Empty((await GetAsync(editor, "/", "br")).Content.Headers.ContentEncoding);
        Assert.Empty((await GetAsync(_reader, "/account/login", "br")).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_stylesheet_is_compressed_and_cached_for_a_year()
    {
        var page = await _reader.GetDocumentAsync("/");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var css = await GetAsync(_reader, href, "br");

        Assert.Contains("v=", href);
        Assert.Equal("br", Assert.Single(css.Content.Headers.ContentEncoding));
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString());
    }
}
