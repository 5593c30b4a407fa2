using Microsoft.Extensions.DependencyInjection;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Search;

public sealed class SearchPageTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task<List<string>> TitlesFor(string query)
    {
        var page = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task The_readers_words_are_marked_in_titles_and_leads_and_everything_else_stays_encoded()
    {
        var article = TestData.Article(app, title: "<b>Hydrogen</b> valleys & hydrogenation");
        article.Lead = "Why hydrogen matters <script>alert(1)</script>.";
        await app.SaveAsync(article);

        var page = await _client.GetDocumentAsync("/search?q=hydrogen");
        var card = page.QuerySelectorAll(".article-card").Single(c => c.TextContent.Contains("valleys"));

        Assert.Equal(["Hydrogen", "hydrogenation"], card.QuerySelectorAll(".article-card__title mark").Select(m => m.TextContent));
        Assert.Equal("<b>Hydrogen</b> valleys & hydrogenation", card.QuerySelector(".article-card__title")!.TextContent);
        Assert.Equal(["hydrogen"], card.QuerySelectorAll(".article-card__lead mark").Select(m => m.TextContent));
        Assert.Empty(card.QuerySelectorAll("script, b"));
    }

    [Fact]
    public async Task Newer_matches_in_other_languages_do_not_crowd_a_languages_match_out_of_its_search()
    {
        var english = await app.SaveAsync(TestData.Article(app, title: "Kelp farming in the North Sea", publishAt: app.Clock.GetUtcNow().AddDays(-2)));
        await app.WithDbAsync(async db =>
        {
            // More newer Dutch matches than a search ranks (ArticleSearch.MaxHits).
            for (var i = 0; i <= MepCms.Web.Features.Search.ArticleSearch.MaxHits; i++)
            {
                var dutch = TestData.Article(app, title: $"Kelp in de Noordzee {i}");
                dutch.Language = "nl";
                db.Articles.Add(dutch);
            }
            await db.SaveChangesAsync();
        });

        Assert.Equal(["Kelp farming in the North Sea"], await TitlesFor("kelp"));
        Assert.Equal(english.Title, (await TitlesFor("kelp farming")).Single());
        var dutchPage = await _client.GetDocumentAsync("/nl/search?q=kelp");
        Assert.Equal(Paging.DefaultPageSize, dutchPage.QuerySelectorAll(".article-card__title").Length);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_only_match()
    {
        var bodyOnly = await app.SaveAsync(TestData.Article(app, title: "Energy statement one", body: "We discussed photovoltaics at length."));
        var inTitle = await app.SaveAsync(TestData.Article(app, title: "Photovoltaics on every roof", publishAt: app.Clock.GetUtcNow().AddDays(-30)));

        var titles = await TitlesFor("photovoltaics");

        Assert.Equal([inTitle.Title, bodyOnly.Title], titles);
    }

    [Fact]
    public async Task Every_word_in_the_title_ranks_above_some_in_the_title_above_the_lead_above_the_body_then_newest_first()
    {
        async Task<Article> Save(string title, string lead, string body, int daysAgo)
        {
            var article = TestData.Article(app, title: title, body: body, publishAt: app.Clock.GetUtcNow().AddDays(-daysAgo));
            article.Lead = lead;
            return await app.SaveAsync(article);
        }
        var bodyOnly = await Save("Statement on quarries", "A lead.", "Walruses and narwhals were discussed.", 1);
        var lead = await Save("Statement on harbours", "Walruses near narwhals.", "Nothing else.", 2);
        var someInTitle = await Save("Walruses in the Baltic", "A lead.", "Narwhals too.", 3);
        var allInTitleOlder = await Save("Narwhals and walruses: the older one", "A lead.", "Text.", 5);
        var allInTitle = await Save("Walruses and narwhals protected", "A lead.", "Text.", 4);

        var titles = await TitlesFor("walruses narwhals");

        Assert.Equal([allInTitle.Title, allInTitleOlder.Title, someInTitle.Title, lead.Title, bodyOnly.Title], titles);
    }

    [Fact]
    public async Task Search_covers_title_lead_and_body_by_word_prefix_and_ignores_accents()
    {
        var article = TestData.Article(app, title: "Statement of Rūta Žemaitė", body: "The interconnector cable was approved.");
        article.Lead = "A hydrogenous lead paragraph.";
        await app.SaveAsync(article);

        Assert.Contains(article.Title, await TitlesFor("zemaite"));
        Assert.Contains(article.Title, await TitlesFor("hydrogenous"));
        Assert.Contains(article.Title, await TitlesFor("interconnect"));
        Assert.Contains(article.Title, await TitlesFor("INTERCONNECTOR approved"));
        Assert.DoesNotContain(article.Title, await TitlesFor("interconnector rejected"));
    }

    [Fact]
    public async Task Drafts_scheduled_and_unpublished_statements_are_never_found()
    {
        var published = await app.SaveAsync(TestData.Article(app, body: "quixotically public"));
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, body: "quixotically draft"));
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddHours(2), body: "quixotically scheduled"));
        var unpublished = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Unpublished, body: "quixotically withdrawn"));

        var titles = await TitlesFor("quixotically");

        Assert.Equal([published.Title], titles);
        Assert.DoesNotContain(draft.Title, titles);
        Assert.DoesNotContain(scheduled.Title, titles);
        Assert.DoesNotContain(unpublished.Title, titles);
    }

    [Fact]
    public async Task The_index_follows_edits_and_deletions()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Original wording"));
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Amended xylophonic wording")));
        await ToldTheCacheAsync(article.Id);

        Assert.Contains("Amended xylophonic wording", await TitlesFor("xylophonic"));
        Assert.DoesNotContain("Amended xylophonic wording", await TitlesFor("original"));

        await app.WithDbAsync(async db =>
        {
            await db.ArticleAuthors.Where(x => x.ArticleId == article.Id).ExecuteDeleteAsync();
            await db.Articles.Where(a => a.Id == article.Id).ExecuteDeleteAsync();
        });
        await ToldTheCacheAsync(article.Id);
        Assert.Empty(await TitlesFor("xylophonic"));
    }

    // Every writer of the app tells the page cache what changed; so does a test that writes directly.
    private Task ToldTheCacheAsync(int articleId) =>
        app.Services.ArticleChangedAsync(articleId);

    [Fact]
    public async Task The_query_is_echoed_safely()
    {
        var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script> \"x\" onmouseover=1"));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector(".search-summary strong")!.TextContent);
        Assert.Equal("<script>alert(1)</script> \"x\" onmouseover=1", page.QuerySelector("#search-page-q")!.GetAttribute("value"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    public static TheoryData<string> OddQueries => new()
    {
        "\"", "*", "NEAR(", "NEAR(a b", "-", ":", "title:x", "a OR b", "AND", "NOT", "^", "()", "'; DROP TABLE Articles; --",
        new string('a', 2_000), string.Concat(Enumerable.Repeat("word ", 400)), "🙂🇪🇺", "\u0000", "\uD800", "é\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "", "   ",
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public async Task Odd_queries_give_a_normal_page(string query)
    {
        var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.True(page.QuerySelector("#search-page-q")!.GetAttribute("value")!.Length <= 200);
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?page=abc")]
    [InlineData("/search?q=&page=-1")]
    [InlineData("/search?q=a&q=b")]
    public async Task Search_without_a_usable_query_shows_the_form(string url)
    {
        var page = await _client.GetDocumentAsync(url);

        Assert.NotNull(page.QuerySelector("form[role=search] label[for=search-page-q]"));
    }

    [Fact]
    public async Task Results_are_paged_and_the_pager_keeps_the_query()
    {
        for (var i = 0; i < 12; i++)
        {
            await app.SaveAsync(TestData.Article(app, body: $"zeppelins number {i}", publishAt: app.Clock.GetUtcNow().AddMinutes(-i - 1)));
        }

        var first = await _client.GetDocumentAsync("/search?q=zeppelins");
        var second = await _client.GetDocumentAsync("/search?q=zeppelins&page=2");

        Assert.Equal(10, first.QuerySelectorAll(".article-card").Length);
        Assert.Equal("/search?q=zeppelins&page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(2, second.QuerySelectorAll(".article-card").Length);
        Assert.Equal("/search?q=zeppelins", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Contains("12 statements match", first.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/search?q=zeppelins&page=9")).StatusCode);
    }

    [Fact]
    public async Task A_whole_word_filling_a_page_is_found_without_longer_words_and_a_part_of_a_word_still_finds_them()
    {
        for (var i = 0; i < 10; i++)
        {
            await app.SaveAsync(TestData.Article(app, body: $"The tramline plan, part {i}."));
        }
        var longer = await app.SaveAsync(TestData.Article(app, title: "Tramlines everywhere", body: "More tramlines."));

        Assert.DoesNotContain(longer.Title, await TitlesFor("tramline"));
        Assert.Contains(longer.Title, await TitlesFor("tramlines"));
        Assert.Contains(longer.Title, await TitlesFor("tramli"));
    }

    [Fact]
    public async Task A_word_in_more_statements_than_are_ranked_is_ranked_among_its_newest_matches()
    {
        var oldest = TestData.Article(app, title: "Quokkas quokkas quokkas", body: "Quokkas.", publishAt: app.Clock.GetUtcNow().AddYears(-3));
        await app.SaveAsync(oldest);
        await app.WithDbAsync(async db =>
        {
            var author = await db.Authors.FirstAsync();
            foreach (var i in Enumerable.Range(0, Web.Features.Search.ArticleSearch.MaxHits))
            {
                db.Articles.Add(TestData.Article(app, body: $"A note on quokkas, {i}.", publishAt: app.Clock.GetUtcNow().AddMinutes(-i - 1), authors: author));
            }
            await db.SaveChangesAsync();
        });

        var first = await _client.GetDocumentAsync("/search?q=quokkas");

        Assert.Contains($"Many statements match; {Web.Features.Search.ArticleSearch.MaxHits} are shown", first.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal($"Page 1 of {Web.Features.Search.ArticleSearch.MaxHits / 10}", first.QuerySelector(".pager__status")!.TextContent.Trim());
        Assert.DoesNotContain(oldest.Title, first.QuerySelectorAll(".article-card__title").Select(t => t.TextContent.Trim()));
    }
}
