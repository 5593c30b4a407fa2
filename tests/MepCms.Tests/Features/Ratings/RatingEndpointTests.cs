using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Ratings;

public sealed class RatingEndpointTests(RatingsFactory app) : IClassFixture<RatingsFactory>
{
    private readonly HttpClient _client = app.CreateVisitorClient();

    [Fact]
    public async Task Rating_with_javascript_answers_the_new_average_and_your_score()
    {
        var article = await app.PublishedArticleAsync();
        await _client.RateAsync(article.Slug, 5);

        var response = await _client.RateAsync(article.Slug, 4);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"average":4.5,"count":2,"yourScore":4,"summary":"The average score is 4.5 / 5 (2 ratings)"}""", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Rating_without_javascript_comes_back_to_the_statement_which_shows_the_new_average()
    {
        var article = await app.PublishedArticleAsync();

        var response = await _client.RateAsync(article.Slug, 4, json: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/articles/{article.Slug}?rated=1#rating", response.Headers.Location!.OriginalString);
        var page = await _client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Equal("The average score is 4.0 / 5 (1 rating)", page.QuerySelector(".rating__summary")!.TextContent);
        Assert.Equal("Thank you, your score has been saved.", page.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task First_rating_sets_a_private_visitor_cookie_for_a_year()
    {
        var article = await app.PublishedArticleAsync();

        var response = await _client.RateAsync(article.Slug, 3);

        var cookie = response.VisitorSetCookie()!.ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("max-age=31536000", cookie);
        Assert.Contains("path=/", cookie);
        Assert.DoesNotContain("secure", cookie);
        Assert.True(VisitorIdentity.IsWellFormed(response.VisitorId()));
    }

    [Fact]
    public async Task Visitor_cookie_is_secure_over_https()
    {
        var article = await app.PublishedArticleAsync();
        var https = app.CreateVisitorClient("https://localhost");

        var response = await https.RateAsync(article.Slug, 3);

        Assert.Contains("secure", response.VisitorSetCookie()!.ToLowerInvariant());
    }

    [Fact]
    public async Task Rating_again_replaces_the_earlier_score_and_sets_no_new_cookie()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = (await _client.RateAsync(article.Slug, 2)).VisitorId();

        var again = await _client.RateAsync(article.Slug, 5, visitor);

        Assert.Null(again.VisitorSetCookie());
        Assert.Equal(new RatingViewModel(5.0, 1, 5), await again.ReadRatingAsync());
        var stored = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((1, 5L, 1, 5L), (stored.Count, stored.Sum, stored.Rows, stored.RowSum));
    }

    [Fact]
    public async Task Changing_a_vote_twenty_times_leaves_one_rating_worth_the_last_score()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();
        await _client.RateAsync(article.Slug, 3, VisitorIdentity.NewId());

        for (var i = 0; i < 20; i++)
        {
            await _client.RateAsync(article.Slug, i % 2 == 0 ? 5 : 1, visitor);
        }

        var stored = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((2, 3L + 1, 2, 3L + 1), (stored.Count, stored.Sum, stored.Rows, stored.RowSum));
    }

    [Fact]
    public async Task Replaying_a_captured_rating_fifty_times_counts_once()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.RateAsync(article.Slug, 4, visitor)).StatusCode);
        }

        var stored = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((1, 4L, 1, 4L), (stored.Count, stored.Sum, stored.Rows, stored.RowSum));
    }

    [Fact]
    public async Task Forwarded_for_headers_do_not_make_a_reader_new()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();

        foreach (var forwarded in new[] { "1.1.1.1", "1.1.1.1, 2.2.2.2", "9.9.9.9" })
        {
            var request = RatingRequests.Post(_client, article.Slug, [new("score", "4")], visitor);
            request.Headers.Add("X-Forwarded-For", forwarded);
            Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, (await app.StoredRatingsAsync(article.Id)).Rows);
    }

    [Fact]
    public async Task Reader_reads_their_own_score_which_is_never_cached()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();
        await _client.RateAsync(article.Slug, 2, VisitorIdentity.NewId());
        var before = await _client.GetRatingAsync(article.Slug, visitor);

        await _client.RateAsync(article.Slug, 4, visitor);
        var after = await _client.GetRatingAsync(article.Slug, visitor);

        Assert.Equal(new RatingViewModel(2.0, 1, null), await before.ReadRatingAsync());
        Assert.Equal(new RatingViewModel(3.0, 2, 4), await after.ReadRatingAsync());
        Assert.Contains("no-store", after.Headers.CacheControl!.ToString());
        Assert.Null(before.VisitorSetCookie());
    }

    [Fact]
    public async Task Statement_without_ratings_says_so()
    {
        var article = await app.PublishedArticleAsync();

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal("No ratings yet", page.QuerySelector(".rating__summary")!.TextContent);
        Assert.Equal("""{"average":null,"count":0,"yourScore":null,"summary":"No ratings yet"}""", await (await _client.GetRatingAsync(article.Slug)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Extra_fields_cannot_choose_the_voter_the_count_or_the_statement()
    {
        var article = await app.PublishedArticleAsync();
        var other = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();
        await _client.RateAsync(article.Slug, 1, visitor);

        var response = await _client.SendAsync(RatingRequests.Post(_client, article.Slug,
            [new("score", "5"), new("voterId", "someone-else"), new("count", "1000"), new("articleId", other.Id.ToString()), new("visitorHash", new string('a', 64))],
            visitor));

        Assert.Equal(new RatingViewModel(5.0, 1, 5), await response.ReadRatingAsync());
        Assert.Equal(0, (await app.StoredRatingsAsync(other.Id)).Rows);
    }

    [Fact]
    public async Task Ratings_evict_the_cached_pages_that_show_their_statements_together_at_the_next_refresh_and_no_other_list()
    {
        var article = await app.PublishedArticleAsync();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        await store.SetAsync("page", [1], [ArticleCacheTags.Statement(article.StatementId)], TimeSpan.FromHours(1), default);
        // A list showing it carries its tag beside the lists' own (the list partial adds it).
        await store.SetAsync("list", [1], [ArticleCacheTags.Lists, ArticleCacheTags.Statement(article.StatementId)], TimeSpan.FromHours(1), default);
        await store.SetAsync("other list", [1], [ArticleCacheTags.Lists, ArticleCacheTags.Statement(article.StatementId + 1000)], TimeSpan.FromHours(1), default);
        await store.SetAsync("other", [1], [ArticleCacheTags.Statement(article.StatementId + 1000)], TimeSpan.FromHours(1), default);

        await _client.RateAsync(article.Slug, 3);
        await _client.RateAsync(article.Slug, 4);
        var meanwhile = await store.GetAsync("page", default);
        await app.Services.GetRequiredService<RatingFigures>().FlushAsync(); // what the refresh does

        Assert.NotNull(meanwhile);
        Assert.Null(await store.GetAsync("page", default));
        Assert.Null(await store.GetAsync("list", default));
        Assert.NotNull(await store.GetAsync("other list", default));
        Assert.NotNull(await store.GetAsync("other", default));
    }

    [Fact]
    public async Task The_refresh_runs_by_itself_every_thirty_seconds()
    {
        var article = await app.PublishedArticleAsync();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        await store.SetAsync("rated page", [1], [ArticleCacheTags.Statement(article.StatementId)], TimeSpan.FromHours(1), default);
        await _client.RateAsync(article.Slug, 5);

        app.Clock.Advance(TimeSpan.FromSeconds(30)); // Ratings:FiguresRefresh

        Assert.True(await EventuallyNullAsync(() => store.GetAsync("rated page", default).AsTask()), "the rated statement's page is evicted at the refresh");
    }

    [Fact]
    public async Task The_reader_who_rated_sees_the_new_average_on_reload_while_others_get_the_cached_page_until_the_refresh()
    {
        var article = await app.PublishedArticleAsync();
        var path = $"/articles/{article.Slug}";
        await _client.GetAsync(path); // cached with no ratings

        var rated = await _client.RateAsync(article.Slug, 4);
        var fresh = rated.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mepcms_fresh=", StringComparison.Ordinal));
        using var reload = new HttpRequestMessage(HttpMethod.Get, path);
        reload.Headers.Add("Cookie", fresh.Split(';')[0]);
        var mine = await _client.SendAsync(reload);
        var others = await _client.GetAsync(path);

        Assert.Contains("max-age=35", fresh, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", fresh, StringComparison.OrdinalIgnoreCase);
        Assert.Null(mine.Headers.Age);
        Assert.Contains("The average score is 4.0 / 5 (1 rating)", await mine.Content.ReadAsStringAsync());
        Assert.False(mine.Headers.Contains("Set-Cookie"));
        // The fresh copy was stored for everyone: the cached page is already up to date.
        Assert.Contains("The average score is 4.0 / 5 (1 rating)", await others.Content.ReadAsStringAsync());
    }

    private static async Task<bool> EventuallyNullAsync(Func<Task<byte[]?>> read)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await read() is null)
            {
                return true;
            }
            await Task.Delay(20);
        }
        return false;
    }

    [Fact]
    public async Task Reading_a_statement_sets_no_cookie()
    {
        var article = await app.PublishedArticleAsync();

        var response = await _client.GetAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Statement_page_is_the_same_for_a_reader_who_rated_and_one_who_did_not()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();
        await _client.RateAsync(article.Slug, 5, visitor);

        var stranger = await _client.GetAsync($"/articles/{article.Slug}");
        var rater = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/articles/{article.Slug}")
        {
            Headers = { { "Cookie", $"{RatingRequests.CookieName}={visitor}" } },
        });

        Assert.Equal(await stranger.Content.ReadAsByteArrayAsync(), await rater.Content.ReadAsByteArrayAsync());
        Assert.False(rater.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Widget_asks_the_question_with_five_labelled_choices_and_no_inline_script()
    {
        var article = await app.PublishedArticleAsync();

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        var form = page.QuerySelector("section.rating form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal($"/articles/{article.Slug}/rating", form.GetAttribute("action"));
        Assert.Equal("How valuable did you find this article?", form.QuerySelector("fieldset legend")!.TextContent.Trim());
        var choices = form.QuerySelectorAll("fieldset label input[type=radio][name=score]");
        Assert.Equal(["1", "2", "3", "4", "5"], choices.Select(c => c.GetAttribute("value")));
        Assert.Equal(["1", "2", "3", "4", "5"], choices.Select(c => c.ParentElement!.TextContent.Trim()));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("polite", page.QuerySelector("section.rating [role=status]")!.GetAttribute("aria-live"));
        Assert.All(page.QuerySelectorAll("script:not([type='application/ld+json'])"), s => Assert.StartsWith("/js/", s.GetAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("[style], [onclick], [onsubmit], [onchange]"));
        Assert.Contains("?v=", page.QuerySelector("script[src^='/js/rating.js']")!.GetAttribute("src"));
    }
}
