using System.Net;
using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;

namespace MepCms.Tests.Features.Ratings;

/// <summary>Every refused rating answers a clear status, sets no cookie and stores nothing.</summary>
public sealed class RatingBadInputTests(RatingsFactory app) : IClassFixture<RatingsFactory>
{
    private readonly HttpClient _client = app.CreateVisitorClient();

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("3.5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1e1")]
    [InlineData("99999999999999999999")]
    [InlineData("٣")]
    [InlineData(" 3")]
    [InlineData("3 ")]
    [InlineData("03")]
    [InlineData("+3")]
    [InlineData("0x3")]
    public async Task Score_that_is_not_one_digit_from_1_to_5_is_refused(string score)
    {
        await AssertRefusedAsync(HttpStatusCode.BadRequest, slug => Post(slug, [new("score", score)]));
    }

    [Fact]
    public async Task Two_score_fields_are_refused_rather_than_counted_twice() =>
        await AssertRefusedAsync(HttpStatusCode.BadRequest, slug => Post(slug, [new("score", "3"), new("score", "5")]));

    [Fact]
    public async Task Missing_score_is_refused() =>
        await AssertRefusedAsync(HttpStatusCode.BadRequest, slug => Post(slug, [new("comment", "great")]));

    [Fact]
    public async Task Ten_kilobyte_score_is_too_large() =>
        await AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge, slug => Post(slug, [new("score", new string('5', 10 * 1024))]));

    [Fact]
    public async Task Json_body_is_not_a_form() =>
        await AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, slug =>
        {
            var request = Post(slug, []);
            request.Content = new StringContent("""{"score":5}""", Encoding.UTF8, "application/json");
            return request;
        });

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("http://localhost.evil.example", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("null", null)]
    [InlineData(null, null)]
    [InlineData(null, "cross-site")]
    [InlineData("http://localhost", "cross-site")]
    [InlineData("http://localhost", "same-site")]
    [InlineData("http://localhost", "none")]
    public async Task Post_from_another_site_is_forbidden(string? origin, string? fetchSite) =>
        await AssertRefusedAsync(HttpStatusCode.Forbidden, slug =>
        {
            var request = RatingRequests.Post(_client, slug, [new("score", "5")], origin: origin);
            if (fetchSite != null)
            {
                request.Headers.Add("Sec-Fetch-Site", fetchSite);
            }
            return request;
        });

    [Fact]
    public async Task Same_origin_fetch_without_an_origin_header_is_accepted()
    {
        var article = await app.PublishedArticleAsync();
        var request = RatingRequests.Post(_client, article.Slug, [new("score", "5")], origin: null);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.InReview)]
    [InlineData(ArticleStatus.Unpublished)]
    public async Task Statement_that_is_not_published_cannot_be_rated(ArticleStatus status)
    {
        var article = await app.SaveAsync(TestData.Article(app, status: status));

        await AssertNotRatedAsync(article, HttpStatusCode.NotFound, Post(article.Slug, [new("score", "5")]));
        await AssertNotRatedAsync(article, HttpStatusCode.NotFound, new HttpRequestMessage(HttpMethod.Get, $"/articles/{article.Slug}/rating"));
    }

    [Fact]
    public async Task Scheduled_statement_cannot_be_rated_before_its_publish_time()
    {
        var article = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddHours(1)));

        await AssertNotRatedAsync(article, HttpStatusCode.NotFound, Post(article.Slug, [new("score", "5")]));
    }

    [Theory]
    [InlineData("no-such-statement")]
    [InlineData("UPPER")]
    [InlineData("x%27%20OR%201%3D1")]
    public async Task Unknown_statement_cannot_be_rated(string slug)
    {
        var response = await _client.SendAsync(Post(slug, [new("score", "5")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.VisitorSetCookie());
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Ratings.Count(r => r.Statement.Versions.Any(a => a.Slug == slug)))));
    }

    [Fact]
    public async Task Get_with_a_score_in_the_query_string_stores_nothing() =>
        await AssertRefusedAsync(HttpStatusCode.OK, slug => new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}/rating?score=5"));

    private HttpRequestMessage Post(string slug, KeyValuePair<string, string>[] fields) => RatingRequests.Post(_client, slug, fields);

    private async Task AssertRefusedAsync(HttpStatusCode expected, Func<string, HttpRequestMessage> request)
    {
        var article = await app.PublishedArticleAsync();
        await AssertNotRatedAsync(article, expected, request(article.Slug));
    }

    private async Task AssertNotRatedAsync(Article article, HttpStatusCode expected, HttpRequestMessage request)
    {
        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.VisitorSetCookie());
        Assert.DoesNotContain(article.Title, await response.Content.ReadAsStringAsync());
        var stored = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((0, 0L, 0), (stored.Count, stored.Sum, stored.Rows));
    }
}
