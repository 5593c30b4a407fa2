using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MepCms.Tests.Features.Ratings;
using MepCms.Tests.Support;

namespace MepCms.Tests.Security;

/// <summary>
/// Rating rows the rating tests leave open: V6 (a cross-site POST is a logged security event),
/// V11 (plain text and multipart bodies) and V12 (a forged visitor cookie). V1–V5 and V7–V10 are in
/// Features/Ratings. (V12: the visitor cookie is the reader's identity by product decision, so a
/// deleted cookie makes a new reader; what must hold is no error and an exact aggregate.)
/// </summary>
public sealed class RatingCatalogueTests(RatingSecurityApp app) : IClassFixture<RatingSecurityApp>
{
    private readonly HttpClient _client = app.CreateVisitorClient();

    [Fact]
    public async Task V6_a_cross_site_rating_is_refused_and_logged_as_a_security_event()
    {
        var article = await app.PublishedArticleAsync();

        var response = await _client.SendAsync(RatingRequests.Post(_client, article.Slug, [new("score", "5")], origin: "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Security.CrossSiteRatingRefused", app.Logs.EventNames);
        Assert.Equal(0, (await app.StoredRatingsAsync(article.Id)).Rows);
    }

    [Theory]
    [InlineData("text/plain", 10)]
    [InlineData("multipart/form-data; boundary=x", 50 * 1024 * 1024)]
    public async Task V11_plain_text_or_a_50_MB_multipart_body_is_refused_and_stores_nothing(string contentType, int size)
    {
        var article = await app.PublishedArticleAsync();
        var request = RatingRequests.Post(_client, article.Slug, []);
        var body = contentType.StartsWith("multipart", StringComparison.Ordinal)
            ? "--x\r\nContent-Disposition: form-data; name=\"score\"\r\n\r\n5\r\n--x\r\nContent-Disposition: form-data; name=\"pad\"\r\n\r\n" + new string('a', size) + "\r\n--x--\r\n"
            : "score=5";
        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        Assert.Equal(0, (await app.StoredRatingsAsync(article.Id)).Rows);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task V12_a_forged_visitor_cookie_is_never_a_500_and_keeps_the_aggregate_exact(string forged)
    {
        var article = await app.PublishedArticleAsync();

        var first = await _client.RateAsync(article.Slug, 4, visitor: forged);
        var again = await _client.RateAsync(article.Slug, 2, visitor: forged);

        Assert.True((int)first.StatusCode < 500 && (int)again.StatusCode < 500, $"{first.StatusCode} {again.StatusCode}");
        var stored = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((stored.Rows, stored.RowSum), (stored.Count, stored.Sum));
    }
}

/// <summary>The rating tests' settings, with the security test app's log collector.</summary>
public sealed class RatingSecurityApp : SecurityTestApp
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Ratings:RateLimit:TokenLimit"] = "100000";
}
