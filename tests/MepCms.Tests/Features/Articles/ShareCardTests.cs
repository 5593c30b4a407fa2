using System.Net;
using System.Text.Json;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.ShareCards;
using MepCms.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace MepCms.Tests.Features.Articles;

/// <summary>Every public statement has a share card drawn by the server: its page's Open Graph, X and JSON-LD image.</summary>
public sealed class ShareCardTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<SKBitmap> CardAsync(string slug)
    {
        var response = await _reader.GetAsync($"/articles/{slug}/card.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_public_statement_has_a_1200_by_630_card_named_in_its_sharing_tags_and_json_ld()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Joint statement on the fisheries agreement with Norway"));

        var response = await _reader.GetAsync($"/articles/{article.Slug}/card.png");
        var page = await _reader.GetDocumentAsync($"/articles/{article.Slug}");
        using var card = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl!.MaxAge);
        Assert.Equal((1200, 630), (card.Width, card.Height));
        Assert.Equal(SKColor.Parse(ShareCardsController.DefaultBackground), card.GetPixel(8, 8));
        var url = $"http://localhost/articles/{article.Slug}/card.png";
        Assert.Equal(url, page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal(article.Title, page.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal(url, JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task The_card_speaks_its_statements_language()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Een titel die in elke taal dezelfde is"));
        using var english = await CardAsync(article.Slug);
        // The same title, MEPs, version and colours: only the line "Press statement · date" can differ.
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Language, "nl")));

        using var dutch = await CardAsync(article.Slug);

        Assert.NotEqual(english.Bytes, dutch.Bytes);
        Assert.Equal(english.GetPixel(8, 8), dutch.GetPixel(8, 8));
    }

    [Fact]
    public async Task The_card_follows_the_title_and_the_offices_colour()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "A short title"));
        using var before = await CardAsync(article.Slug);
        await app.WithDbAsync(async db =>
        {
            await db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "A much longer title that now runs over two lines of the card").SetProperty(a => a.Version, Guid.NewGuid()));
            db.SiteSettings.Add(new SiteSettings { BrandColour = "#1f4e3d" });
            await db.SaveChangesAsync();
        });
        app.Services.GetService(typeof(SiteIdentity)).As<SiteIdentity>().Forget();

        using var after = await CardAsync(article.Slug);

        Assert.Equal(new SKColor(0x1f, 0x4e, 0x3d), after.GetPixel(8, 8));
        Assert.NotEqual(before.Bytes, after.Bytes);
        await app.WithDbAsync(db => db.SiteSettings.ExecuteDeleteAsync());
        app.Services.GetService(typeof(SiteIdentity)).As<SiteIdentity>().Forget();
    }

    [Fact]
    public async Task Drafts_scheduled_and_unknown_statements_have_no_card()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1)));

        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/articles/{draft.Slug}/card.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/articles/{scheduled.Slug}/card.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/articles/no-such-statement/card.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/articles/NOT_A_SLUG!/card.png")).StatusCode);
    }

    [Fact]
    public async Task A_very_long_title_still_fits()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: string.Join(' ', Enumerable.Repeat("Parliament", 19))));

        using var card = await CardAsync(article.Slug);

        Assert.Equal(1200, card.Width);
    }

    [Theory]
    [InlineData("Déclaration commune sur l’accord de pêche — « oui »")]
    [InlineData("Κοινή δήλωση για το Ευρωπαϊκό Κοινοβούλιο")]
    [InlineData("Съвместно изявление на членовете на Европейския парламент")]
    [InlineData("Wspólne oświadczenie w sprawie żeglugi — Łódź")]
    public void The_cards_fonts_write_the_eus_alphabets(string title) => Assert.True(ShareCard.Covers(title));
}

internal static class CardServices
{
    public static T As<T>(this object? service) => (T)service!;
}
