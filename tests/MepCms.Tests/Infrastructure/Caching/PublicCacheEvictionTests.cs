using Microsoft.Extensions.DependencyInjection;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Infrastructure.Caching;

/// <summary>After each kind of change, and the writer saying so, the next anonymous request shows it.</summary>
public sealed class PublicCacheEvictionTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    [Fact]
    public async Task An_edit_is_invisible_until_announced_then_shows_on_the_page_and_the_home_page()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "First wording"));
        await _reader.GetAsync($"/articles/{article.Slug}");
        await _reader.GetAsync("/");

        await app.ChangeSilentlyAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Second wording")));
        var stale = await _reader.GetAsync($"/articles/{article.Slug}");
        await app.Services.ArticleChangedAsync(article.Id);
        var page = await _reader.GetStringAsync($"/articles/{article.Slug}");
        var home = await _reader.GetStringAsync("/");

        Assert.True(stale.IsFromCache());
        Assert.Contains("First wording", await stale.Content.ReadAsStringAsync());
        Assert.Contains("Second wording", page);
        Assert.Contains("Second wording", home);
    }

    [Fact]
    public async Task An_edit_re_renders_the_other_statements_pages_which_list_related_ones()
    {
        var edited = await app.SaveAsync(TestData.Article(app));
        var other = await app.SaveAsync(TestData.Article(app));
        await _reader.GetAsync($"/articles/{other.Slug}");

        await app.Services.ArticleChangedAsync(edited.Id);
        var otherAgain = await _reader.GetAsync($"/articles/{other.Slug}");
        await app.Services.RatingChangedAsync(edited.StatementId);
        var afterRating = await _reader.GetAsync($"/articles/{other.Slug}");

        Assert.False(otherAgain.IsFromCache());
        Assert.True(afterRating.IsFromCache());
    }

    [Fact]
    public async Task An_unpublished_statement_is_gone_from_its_page_and_the_lists()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        await _reader.GetAsync($"/articles/{article.Slug}");
        await _reader.GetAsync("/");

        await app.ChangeSilentlyAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished)));
        await app.Services.ArticleChangedAsync(article.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/articles/{article.Slug}")).StatusCode);
        Assert.DoesNotContain(article.Title, await _reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_new_slug_answers_and_the_old_one_redirects_to_it()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var oldSlug = article.Slug;
        await _reader.GetAsync($"/articles/{oldSlug}");
        await _reader.GetAsync("/");

        await app.ChangeSilentlyAsync(async db =>
        {
            var stored = await db.Articles.SingleAsync(a => a.Id == article.Id);
            stored.FormerSlugs.Add(new ArticleSlug { Slug = oldSlug });
            stored.Slug = oldSlug + "-renamed";
        });
        await app.Services.ArticleChangedAsync(article.Id);

        var old = await _reader.GetAsync($"/articles/{oldSlug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/articles/{oldSlug}-renamed", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/articles/{oldSlug}-renamed")).StatusCode);
        Assert.Contains($"/articles/{oldSlug}-renamed", await _reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_renamed_MEP_shows_on_every_cached_page()
    {
        var mep = TestData.Author("Ilse Former-Name");
        var article = await app.SaveAsync(TestData.Article(app, authors: mep));
        await _reader.GetAsync($"/articles/{article.Slug}");
        await _reader.GetAsync("/");

        await app.ChangeSilentlyAsync(db => db.Authors.Where(a => a.Id == mep.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FullName, "Ilse New-Name")));
        await app.Services.DirectoryChangedAsync();

        Assert.Contains("Ilse New-Name", await _reader.GetStringAsync($"/articles/{article.Slug}"));
        Assert.Contains("Ilse New-Name", await _reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_rating_shows_its_new_average_on_the_page_and_the_lists()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        await _reader.GetAsync($"/articles/{article.Slug}");
        await _reader.GetAsync("/");

        await app.ChangeSilentlyAsync(db => db.Statements.Where(s => s.Id == article.StatementId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingCount, 2).SetProperty(a => a.RatingSum, 7)));
        await app.Services.RatingChangedAsync(article.StatementId);

        Assert.Contains("The average score is 3.5 / 5 (2 ratings)", await _reader.GetStringAsync($"/articles/{article.Slug}"));
        Assert.Contains("Rated 3.5 / 5 (2 ratings)", await _reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_rating_evicts_the_lists_that_show_the_statement_and_leaves_the_others_cached()
    {
        var ratedAuthor = await app.SaveAsync(TestData.Author("Rated Author"));
        var rated = await app.SaveAsync(TestData.Article(app, authors: [ratedAuthor]));
        var otherAuthor = await app.SaveAsync(TestData.Author("Other Author"));
        await app.SaveAsync(TestData.Article(app, authors: [otherAuthor]));
        var otherList = $"/meps/{otherAuthor.Slug}";
        await _reader.GetAsync("/");
        await _reader.GetAsync(otherList);
        var ownList = $"/meps/{ratedAuthor.Slug}";
        await _reader.GetAsync(ownList);

        await app.ChangeSilentlyAsync(db => db.Statements.Where(s => s.Id == rated.StatementId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingCount, 1).SetProperty(a => a.RatingSum, 5)));
        await app.Services.RatingChangedAsync(rated.StatementId);
        var untouched = await _reader.GetAsync(otherList);
        var own = await _reader.GetAsync(ownList);

        Assert.True(untouched.IsFromCache(), "a list that does not show the rated statement keeps its cached copy");
        Assert.False(own.IsFromCache());
        Assert.Contains("Rated 5.0 / 5 (1 rating)", await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scheduled_statement_is_on_the_cached_home_page_at_its_publish_time()
    {
        var publishAt = app.Clock.GetUtcNow().AddMinutes(45);
        var scheduled = await app.SaveAsync(TestData.Article(app, title: "Embargoed until a quarter to", publishAt: publishAt));
        // Statements of earlier tests go live first, so their go-live evictions cannot blur this one.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MepCms.Web.Features.Articles.Publishing.GoLive>().RunAsync(CancellationToken.None);
        }
        await _reader.GetAsync("/");

        app.Clock.SetUtcNow(publishAt.AddSeconds(-1));
        var justBefore = await _reader.GetAsync("/");
        app.Clock.SetUtcNow(publishAt);
        var atTheTime = await _reader.GetAsync("/");

        Assert.True(justBefore.IsFromCache());
        Assert.DoesNotContain(scheduled.Title, await justBefore.Content.ReadAsStringAsync());
        Assert.False(atTheTime.IsFromCache());
        Assert.Contains(scheduled.Title, await atTheTime.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/articles/{scheduled.Slug}")).StatusCode);
    }
}
