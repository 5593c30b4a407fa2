using System.Net;
using MepCms.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Infrastructure.Caching;

/// <summary>What the cache must never do: serve or store a signed-in page, a cookie, an error, or junk.</summary>
public sealed class PublicCacheSafetyTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private Task RetitleSilentlyAsync(int id, string title) =>
        app.ChangeSilentlyAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, title)));

    [Fact]
    public async Task Two_readers_get_byte_identical_pages_the_second_from_the_cache()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var other = app.CreateBrowserlessClient();

        var first = await _reader.GetAsync($"/articles/{article.Slug}");
        var second = await other.GetAsync($"/articles/{article.Slug}");

        Assert.False(first.IsFromCache());
        Assert.True(second.IsFromCache());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_signed_in_editor_never_gets_a_cached_page()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Cached wording"));
        await _reader.GetAsync($"/articles/{article.Slug}");
        var editor = await app.CreateSignedInClientAsync();

        await RetitleSilentlyAsync(article.Id, "Fresh wording");
        var editorSees = await editor.GetAsync($"/articles/{article.Slug}");
        var readerSees = await _reader.GetAsync($"/articles/{article.Slug}");

        Assert.False(editorSees.IsFromCache());
        Assert.Contains("Fresh wording", await editorSees.Content.ReadAsStringAsync());
        Assert.True(readerSees.IsFromCache());
    }

    [Fact]
    public async Task A_signed_in_editor_never_fills_the_cache()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Seen by the editor"));
        var editor = await app.CreateSignedInClientAsync();

        await editor.GetAsync($"/articles/{article.Slug}");
        await editor.GetAsync("/");
        await RetitleSilentlyAsync(article.Id, "Seen by the reader");
        var page = await _reader.GetAsync($"/articles/{article.Slug}");

        Assert.False(page.IsFromCache());
        Assert.Contains("Seen by the reader", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Junk_query_keys_share_the_one_cached_page()
    {
        await app.SaveAsync(TestData.Article(app));
        await _reader.GetAsync("/?utm_source=first");

        var busted = await _reader.GetAsync("/?cb=12345&utm_source=second");
        var plain = await _reader.GetAsync("/");

        Assert.True(busted.IsFromCache());
        Assert.True(plain.IsFromCache());
    }

    [Theory]
    [InlineData("/?page=abc")]
    [InlineData("/?page=01")]
    [InlineData("/?page=1&page=2")]
    public async Task Odd_page_numbers_are_answered_but_never_stored(string url)
    {
        await _reader.GetAsync(url);
        var again = await _reader.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.IsFromCache());
    }

    [Fact]
    public async Task A_response_that_sets_a_cookie_is_not_stored()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/articles/{article.Slug}");
        request.Headers.Add(CachingFactory.SetCookieHeader, "yes");

        var withCookie = await _reader.SendAsync(request);
        var next = await _reader.GetAsync($"/articles/{article.Slug}");

        Assert.True(withCookie.Headers.Contains("Set-Cookie"));
        Assert.False(next.IsFromCache());
    }

    [Fact]
    public async Task A_404_before_publication_is_not_stuck()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: MepCms.Web.Features.Articles.ArticleStatus.Draft));
        var before = await _reader.GetAsync($"/articles/{article.Slug}");

        await app.ChangeSilentlyAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, MepCms.Web.Features.Articles.ArticleStatus.Published)
            .SetProperty(a => a.PublishAt, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var after = await _reader.GetAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/articles/some-statement/rating")]
    [InlineData("/admin")]
    public async Task Private_and_operational_addresses_are_never_cached(string url)
    {
        await _reader.GetAsync(url);

        Assert.False((await _reader.GetAsync(url)).IsFromCache());
    }
}
