using System.Net;
using MepCms.Tests.Support;

namespace MepCms.Tests.Infrastructure.Localization;

/// <summary>Pages in another language than the default one, at their `/{code}/` addresses, speak that language.</summary>
public sealed class LocalizedPageTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    /// <summary>The page at <paramref name="url"/> in <paramref name="language"/> (its `/{code}` address), or in the default language.</summary>
    private async Task<AngleSharp.Dom.IDocument> GetAsync(string url, string? language)
    {
        var response = await _client.GetAsync(language is null ? url : $"/{language}{url}");
        response.EnsureSuccessStatusCode();
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_statement_in_a_Dutch_request_asks_the_rating_question_in_Dutch_with_a_Dutch_date_and_average()
    {
        var article = TestData.Article(app, publishAt: new DateTimeOffset(2023, 10, 6, 8, 0, 0, TimeSpan.Zero));
        (article.Statement.RatingCount, article.Statement.RatingSum, article.Language) = (3, 13, "nl");
        await app.SaveAsync(article);

        var page = await GetAsync($"/articles/{article.Slug}", "nl");

        Assert.Equal("Hoe waardevol vond u dit artikel?", page.QuerySelector(".rating__question")!.TextContent.Trim());
        Assert.Equal("De gemiddelde score is 4,3 / 5 (3 beoordelingen)", page.QuerySelector(".rating__summary")!.TextContent.Trim());
        Assert.Contains("6 oktober 2023, 10:00 Brusselse tijd", page.QuerySelector(".statement__meta")!.TextContent);
        Assert.Equal("Naar de inhoud", page.QuerySelector(".skip-link")!.TextContent.Trim());
        Assert.Equal("Dank u, uw score van {score} is opgeslagen.", page.QuerySelector("[data-rating]")!.GetAttribute("data-text-saved"));
    }

    [Fact]
    public async Task A_statement_in_a_French_request_gives_the_average_with_a_decimal_comma()
    {
        var article = TestData.Article(app);
        (article.Statement.RatingCount, article.Statement.RatingSum, article.Language) = (1, 4, "fr");
        await app.SaveAsync(article);

        var page = await GetAsync($"/articles/{article.Slug}", "fr");

        Assert.Equal("La note moyenne est de 4,0 / 5 (1 note)", page.QuerySelector(".rating__summary")!.TextContent.Trim());
        Assert.Equal("Dans quelle mesure cet article vous a-t-il été utile\u202F?", page.QuerySelector(".rating__question")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_statement_without_a_culture_reads_as_it_always_has()
    {
        var article = TestData.Article(app, publishAt: new DateTimeOffset(2023, 10, 6, 8, 0, 0, TimeSpan.Zero));
        (article.Statement.RatingCount, article.Statement.RatingSum) = (3, 13);
        await app.SaveAsync(article);

        var page = await GetAsync($"/articles/{article.Slug}", language: null);

        Assert.Equal("How valuable did you find this article?", page.QuerySelector(".rating__question")!.TextContent.Trim());
        Assert.Equal("The average score is 4.3 / 5 (3 ratings)", page.QuerySelector(".rating__summary")!.TextContent.Trim());
        Assert.Contains("6 October 2023, 10:00 Brussels time", page.QuerySelector(".statement__meta")!.TextContent);
        Assert.Equal("Skip to content", page.QuerySelector(".skip-link")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_pager_of_a_German_request_speaks_German()
    {
        var author = TestData.Author("Pager Beispiel");
        for (var i = 0; i < 11; i++)
        {
            var article = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(-i - 1), authors: author);
            article.Language = "de";
            await app.SaveAsync(article);
        }

        var page = await GetAsync($"/meps/{author.Slug}", "de");

        Assert.Equal("Seite 1 von 2", page.QuerySelector(".pager__status")!.TextContent.Trim());
        Assert.Equal("Ältere →", page.QuerySelector(".pager__next")!.TextContent.Trim());
        Assert.Equal("Seiten", page.QuerySelector(".pager")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_not_found_page_of_a_Dutch_request_is_in_Dutch()
    {
        var response = await _client.GetAsync("/nl/articles/no-such-statement");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Pagina niet gevonden", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Pagina niet gevonden |", page.Title);
    }

    [Fact]
    public async Task The_committees_page_of_a_Polish_request_is_in_Polish()
    {
        var page = await GetAsync("/committees", "pl");

        Assert.Equal("Komisje", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Komisje |", page.Title);
    }

    [Fact]
    public async Task A_Polish_search_counts_its_results_in_the_right_plural_form_and_quotes_the_words_the_Polish_way()
    {
        var word = "wodorowy" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 2; i++)
        {
            var article = TestData.Article(app, title: $"Plan {word} numer {i}");
            article.Language = "pl";
            await app.SaveAsync(article);
        }

        var page = await GetAsync("/search?q=" + word, "pl");

        Assert.Equal($"2 komunikaty pasują do zapytania „{word}”.", page.QuerySelector(".search-summary")!.TextContent.Trim());
        Assert.Equal("Wyniki wyszukiwania", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_alert_sign_up_of_a_French_request_is_in_French()
    {
        var page = await GetAsync("/subscribe", "fr");

        Assert.Equal("Alertes par courriel", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Adresse électronique", page.QuerySelector("label[for=email]")!.TextContent.Trim());
        Assert.Equal("S’inscrire", page.QuerySelector(".subscribe__form button[type=submit]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_MEP_directory_of_a_Dutch_request_names_the_countries_in_Dutch()
    {
        var author = TestData.Author("Landen Voorbeeld");
        await app.SaveAsync(TestData.Article(app, authors: author));

        var page = await GetAsync("/meps", "nl");

        Assert.Contains("België", page.QuerySelectorAll(".directory-section__title").Select(h => h.TextContent.Trim()));
        Assert.Contains("België", page.QuerySelectorAll("#filter-country option").Select(o => o.TextContent.Trim()));
        Assert.Equal("Onze Europarlementariërs", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
