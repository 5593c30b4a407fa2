using System.IO.Compression;
using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Tests.Infrastructure.Caching;

public sealed class CompressionTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
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
        Assert.Contains(article.Title, await plain.Content.ReadAsStringAsync());
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var brotliBytes = await brotli.Content.ReadAsByteArrayAsync();
        Assert.True(brotliBytes.Length < plainBytes.Length);
        Assert.Equal(plainBytes, Decode(brotliBytes, "br"));
        Assert.Equal(plainBytes, Decode(await gzip.Content.ReadAsByteArrayAsync(), "gzip"));
    }

    [Fact]
    public async Task Each_encoding_of_a_page_is_compressed_once_and_then_sent_from_the_cache_as_stored()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var url = $"/articles/{article.Slug}";
        var before = app.Compressions;

        var first = await GetAsync(_reader, url, "br");
        var second = await GetAsync(_reader, url, "br");
        var third = await GetAsync(_reader, url, "gzip, deflate, br, zstd");

        Assert.False(first.IsFromCache());
        Assert.True(second.IsFromCache());
        Assert.True(third.IsFromCache());
        Assert.All([second, third], r => Assert.Equal("br", Assert.Single(r.Content.Headers.ContentEncoding)));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await third.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, app.Compressions - before);
    }

    [Fact]
    public async Task Junk_accept_encoding_values_share_the_three_cached_copies_of_a_page()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var url = $"/articles/{article.Slug}";
        await GetAsync(_reader, url, null);
        await GetAsync(_reader, url, "br");
        await GetAsync(_reader, url, "gzip");

        var junk = Enumerable.Range(0, 30).Select(i => (i % 3) switch
        {
            0 => $"x-junk-{i}",
            1 => $"br;q=0.{i % 9 + 1}, x-{i}",
            _ => $"gzip;q=0.{i % 9 + 1}, br;q=0, identity;q=0.{i % 7 + 1}",
        });
        var answers = await Task.WhenAll(junk.Select(async value =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", value);
            return (value, response: await _reader.SendAsync(request));
        }));

        Assert.All(answers, a => Assert.True(a.response.IsFromCache(), a.value));
        Assert.All(answers, a => Assert.Equal(AcceptEncoding.Choose(a.value), a.response.Content.Headers.ContentEncoding.SingleOrDefault()));
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip;q=1.0, br;q=0.1", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*;q=0, gzip", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("deflate", null)]
    [InlineData("identity", null)]
    [InlineData("*;q=0", null)]
    [InlineData("br;q=abc", null)]
    [InlineData(";;;", null)]
    [InlineData("", null)]
    public void The_header_is_reduced_to_the_encoding_the_site_will_answer_with(string header, string? expected) =>
        Assert.Equal(expected, AcceptEncoding.Choose(header));

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
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
