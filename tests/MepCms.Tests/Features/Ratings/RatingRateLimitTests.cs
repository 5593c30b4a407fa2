using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Ratings;

namespace MepCms.Tests.Features.Ratings;

/// <summary>A tiny bucket (3 votes, then one more every 3 seconds) so a burst meets the limit at once.</summary>
public sealed class TinyRateLimitFactory : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Ratings:RateLimit:TokenLimit"] = "3";
        settings["Ratings:RateLimit:TokensPerPeriod"] = "1";
        settings["Ratings:RateLimit:ReplenishmentPeriod"] = "00:00:03";
    }
}

public sealed class RatingRateLimitTests(TinyRateLimitFactory app) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task Burst_from_one_address_gets_429_with_retry_after_and_then_recovers()
    {
        var client = app.CreateVisitorClient();
        var article = await app.PublishedArticleAsync();
        var voters = Enumerable.Range(0, 10).Select(_ => VisitorIdentity.NewId()).ToList();
        await client.GetRatingAsync(article.Slug); // the app is warm, so the burst is one

        var burst = await Task.WhenAll(voters.Select(v => client.RateAsync(article.Slug, 4, v)));
        var stored = await app.StoredRatingsAsync(article.Id);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var later = await client.RateAsync(article.Slug, 4, voters[^1]);

        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 1, 10 - 3);
        Assert.All(burst, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.All(refused, r => Assert.InRange(int.Parse(r.Headers.GetValues("Retry-After").Single()), 1, 60));
        Assert.Equal(10 - refused.Count, stored.Rows);
        Assert.Equal(stored.Rows, stored.Count);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Reading_ratings_is_not_limited()
    {
        var client = app.CreateVisitorClient();
        var article = await app.PublishedArticleAsync();

        var reads = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetRatingAsync(article.Slug)));

        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::7", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void Clients_are_grouped_by_address_and_ipv6_by_64_block(string? address, string partition) =>
        Assert.Equal(partition, RatingRateLimitPolicy.PartitionKey(address is null ? null : IPAddress.Parse(address)));
}
