using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Media;

/// <summary>
/// A statement's lead image (decision 0280): chosen in the editor from the media library, shown in
/// the widths the browser picks (WebP with a fallback), with its credit and a high-resolution
/// download, in lists, and as what a shared link shows; renditions drawn once on request.
/// </summary>
public sealed class LeadImageTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<MediaItem> PhotoAsync(int width = 2000, int height = 1000, string alt = "MEPs voting in the plenary chamber")
    {
        var item = await app.UploadedItemAsync(TestImages.Jpeg(width, height));
        // The upload form asks for an alternative text; an image may still have none (an older upload, a hand-made row).
        await app.WithDbAsync(db => db.Media.Where(m => m.Id == item.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Credit, "© European Union – Source: EP").SetProperty(m => m.AltText, alt)));
        return item;
    }

    private async Task<(HttpResponseMessage Response, string Slug)> ChooseAsync(int? imageId, string role = Roles.Editor)
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(role);
        var response = await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id),
            new() { ["LeadImageId"] = imageId?.ToString() ?? "", ["Change"] = "TypoFix" });
        return (response, article.Slug);
    }

    [Fact]
    public async Task A_chosen_lead_image_shows_above_the_statement_in_every_width_with_webp_first_its_credit_and_a_download()
    {
        var photo = await PhotoAsync();
        var (saved, slug) = await ChooseAsync(photo.Id);

        var page = await _reader.GetDocumentAsync($"/articles/{slug}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var figure = page.QuerySelector(".statement__header figure.statement__figure")!;
        var stem = photo.FileName[..32];
        Assert.Equal($"/media/{stem}-480.webp 480w, /media/{stem}-800.webp 800w, /media/{stem}-1200.webp 1200w, /media/{stem}-1600.webp 1600w, /media/{stem}-2000.webp 2000w",
            figure.QuerySelector("picture source[type='image/webp']")!.GetAttribute("srcset"));
        var img = figure.QuerySelector("picture img")!;
        Assert.Equal($"/media/{stem}-800.jpg", img.GetAttribute("src"));
        Assert.Contains($"/media/{stem}-2000.jpg 2000w", img.GetAttribute("srcset"));
        Assert.Equal(("800", "400", "MEPs voting in the plenary chamber"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        Assert.Equal(("eager", "high"), (img.GetAttribute("loading"), img.GetAttribute("fetchpriority")));
        Assert.Equal("© European Union – Source: EP", figure.QuerySelector("figcaption .media-credit")!.TextContent);
        var download = figure.QuerySelector("a[download]")!;
        Assert.Equal(photo.Url, download.GetAttribute("href"));
        Assert.Equal("(2000 × 1000 pixels, JPEG)", figure.QuerySelector(".statement__download-size")!.TextContent);
        // And in the side column's downloads, for journalists.
        var downloads = page.QuerySelector("[aria-labelledby='aside-downloads']")!;
        Assert.Equal(photo.Url, downloads.QuerySelector("a[download]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_shared_link_shows_the_lead_image_and_one_without_shows_the_drawn_card()
    {
        var photo = await PhotoAsync();
        var (_, withImage) = await ChooseAsync(photo.Id);
        var (_, without) = await ChooseAsync(null);

        var shared = await _reader.GetDocumentAsync($"/articles/{withImage}");
        var plain = await _reader.GetDocumentAsync($"/articles/{without}");

        string Meta(AngleSharp.Dom.IDocument page, string property) => page.QuerySelector($"meta[property='{property}']")!.GetAttribute("content")!;
        var stem = photo.FileName[..32];
        Assert.EndsWith($"/media/{stem}-1200.jpg", Meta(shared, "og:image"));
        Assert.Equal(("image/jpeg", "1200", "600", "MEPs voting in the plenary chamber"),
            (Meta(shared, "og:image:type"), Meta(shared, "og:image:width"), Meta(shared, "og:image:height"), Meta(shared, "og:image:alt")));
        Assert.EndsWith($"/media/{stem}-1200.jpg", shared.QuerySelector("meta[name='twitter:image']")!.GetAttribute("content"));
        Assert.Contains($"/media/{stem}-1200.jpg", shared.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.EndsWith($"/articles/{without}/card.png", Meta(plain, "og:image"));
        Assert.Equal(("image/png", "630"), (Meta(plain, "og:image:type"), Meta(plain, "og:image:height")));
        Assert.Null(plain.QuerySelector(".statement__figure"));
    }

    [Fact]
    public async Task Lists_show_the_lead_image_the_first_at_once_and_the_others_when_scrolled_to()
    {
        var photo = await PhotoAsync(1000, 500);
        var (_, first) = await ChooseAsync(photo.Id);
        var (_, second) = await ChooseAsync(photo.Id);
        await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == first)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PublishAt, a => a.PublishAt!.Value.AddMinutes(-5))));
        await app.Services.PublicSiteChangedAsync();

        var home = await _reader.GetDocumentAsync("/");

        var cards = home.QuerySelectorAll(".article-card").Where(c => c.QuerySelector($"a[href='/articles/{first}'], a[href='/articles/{second}']") is not null).ToList();
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.Contains(photo.FileName[..32] + "-480.webp 480w", c.QuerySelector("source")!.GetAttribute("srcset")));
        // The newest is the lead story: its photo comes at once; a card further down waits to be scrolled to.
        Assert.Equal(("eager", "high"), (cards[0].QuerySelector("img")!.GetAttribute("loading"), cards[0].QuerySelector("img")!.GetAttribute("fetchpriority")));
        Assert.Equal(("lazy", null), (cards[1].QuerySelector("img")!.GetAttribute("loading"), cards[1].QuerySelector("img")!.GetAttribute("fetchpriority")));
        // Only widths the image has: a 1000-pixel photo offers 480, 800 and its own 1000.
        Assert.EndsWith("-1000.webp 1000w", cards[1].QuerySelector("source")!.GetAttribute("srcset"));
    }

    [Fact]
    public async Task On_an_meps_page_the_first_card_is_loaded_at_once_but_not_ahead_of_the_font_and_style_sheet()
    {
        var photo = await PhotoAsync(1000, 500);
        var mep = await app.SaveAsync(TestData.Author(TestData.Unique("Card First")));
        var article = TestData.Article(app, authors: [mep]);
        article.LeadImageId = photo.Id;
        await app.SaveAsync(article);

        var img = (await _reader.GetDocumentAsync($"/meps/{mep.Slug}")).QuerySelector(".article-card img")!;

        Assert.Equal(("eager", null), (img.GetAttribute("loading"), img.GetAttribute("fetchpriority")));
    }

    [Fact]
    public async Task Renditions_are_drawn_once_at_the_width_and_format_asked_and_nothing_else_is_drawn()
    {
        var photo = await PhotoAsync(2000, 1000);
        var stem = photo.FileName[..32];

        var webp = await _reader.GetAsync($"/media/{stem}-800.webp");
        var jpeg = await _reader.GetAsync($"/media/{stem}-480.jpg");
        var own = await _reader.GetAsync($"/media/{stem}-2000.jpg");

        Assert.Equal(("image/webp", "image/jpeg"), (webp.Content.Headers.ContentType!.MediaType, jpeg.Content.Headers.ContentType!.MediaType));
        var (webpBytes, jpegBytes) = (await webp.Content.ReadAsByteArrayAsync(), await jpeg.Content.ReadAsByteArrayAsync());
        Assert.Equal((800, 400), Size(webpBytes));
        Assert.Equal((480, 240), Size(jpegBytes));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("immutable", webp.Headers.CacheControl!.ToString());
        var drawn = Path.Combine(app.MediaFolder(), "renditions", $"{stem}-800.webp");
        Assert.True(File.Exists(drawn));
        var written = File.GetLastWriteTimeUtc(drawn);
        Assert.Equal(webpBytes, await _reader.GetByteArrayAsync($"/media/{stem}-800.webp"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(drawn)); // served from the file, not drawn again

        // Widths nobody offers, larger than the image, other formats, other names: 404, nothing drawn.
        foreach (var name in new[] { $"{stem}-700.webp", $"{stem}-2400.jpg", $"{stem}-800.png", $"{stem}-0800.jpg", $"{stem}-80000.jpg",
                     $"{stem}-800.gif", "0123456789abcdef0123456789abcdef-800.jpg", $"{stem}-800.webp.jpg", $"{stem[..31]}-800.jpg" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/media/{name}")).StatusCode);
        }
        Assert.Equal(3, Directory.GetFiles(Path.Combine(app.MediaFolder(), "renditions"), $"{stem}-*").Length);
    }

    [Fact]
    public async Task A_png_falls_back_to_png_so_it_keeps_its_transparency()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.UploadAsync(TestImages.Png(900, 300), "chart.png", "image/png", alt: "A chart")).StatusCode);
        var chart = (await app.StoredItemsAsync()).Last();
        var stem = chart.FileName[..32];

        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/media/{stem}-480.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/media/{stem}-480.webp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync($"/media/{stem}-480.jpg")).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_image_deletes_its_renditions_and_one_shown_as_a_lead_image_cannot_be_deleted()
    {
        var shown = await PhotoAsync();
        var loose = await PhotoAsync();
        await ChooseAsync(shown.Id);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/media/{loose.FileName[..32]}-480.webp")).StatusCode);
        var admin = await app.SignedInAsync(Roles.Admin);

        await admin.Client.PostFormAsync("/admin/media", $"/admin/media/{shown.Id}/delete", []);
        var refused = await admin.Client.GetStringAsync("/admin/media");
        await admin.Client.PostFormAsync("/admin/media", $"/admin/media/{loose.Id}/delete", []);

        var left = await app.WithDbAsync(db => db.Media.Where(m => m.Id == shown.Id || m.Id == loose.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal([shown.Id], left);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.MediaFolder(), "renditions"), $"{loose.FileName[..32]}-*"));
        Assert.Contains("as their lead image", refused);
    }

    [Fact]
    public async Task The_editor_refuses_an_image_that_is_gone_has_no_alternative_text_or_is_an_meps_photo_and_stores_nothing()
    {
        var nameless = await PhotoAsync(alt: "");
        var portrait = await PhotoAsync();
        await app.WithDbAsync(db => db.Media.Where(m => m.Id == portrait.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Kind, MediaKind.Photo)));

        foreach (var (id, message) in new[] { (999_999, "no longer in the media library"), (nameless.Id, "has no alternative text"), (portrait.Id, "no longer in the media library") })
        {
            var (response, slug) = await ChooseAsync(id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
            Assert.Null(await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.LeadImageId).FirstAsync()));
        }
    }

    [Fact]
    public async Task The_editor_offers_the_librarys_images_with_an_alternative_text_and_keeps_the_choice()
    {
        var photo = await PhotoAsync(alt: "The rapporteur at the press conference");
        var hidden = await PhotoAsync(alt: "");
        var (_, slug) = await ChooseAsync(photo.Id);
        var id = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).FirstAsync());
        var editor = await app.SignedInAsync(Roles.Editor);

        var form = await editor.Client.GetDocumentAsync($"/admin/articles/{id}/edit");

        var select = form.QuerySelector("select#LeadImageId")!;
        Assert.Equal(photo.Id.ToString(), select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Contains("The rapporteur at the press conference (2000 × 1000)", select.TextContent);
        Assert.Null(select.QuerySelector($"option[value='{hidden.Id}']"));
        Assert.Equal($"/media/{photo.FileName[..32]}-480.webp", form.QuerySelector(".lead-image-choice__preview")!.GetAttribute("src"));
    }

    [Fact]
    public async Task A_scheduled_update_may_not_change_the_lead_image()
    {
        var photo = await PhotoAsync();
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = await editor.Client.LoadEditFormAsync(article.Id);

        (fields["LeadImageId"], fields["UpdateAt"], fields["Change"]) = (photo.Id.ToString(), "2026-06-11T09:00", "TypoFix");

        var response = await editor.Client.PostAsync($"/admin/articles/{article.Id}/scheduled-update", new FormUrlEncodedContent(fields));

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("lead image, committees", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.ScheduledUpdates.AnyAsync(u => u.ArticleId == article.Id)));
    }

    private static (int Width, int Height) Size(byte[] content)
    {
        using var bitmap = TestImages.Decode(content);
        return (bitmap.Width, bitmap.Height);
    }
}
