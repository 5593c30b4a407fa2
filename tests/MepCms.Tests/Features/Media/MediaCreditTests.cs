using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Media;

/// <summary>An image's credit and licence show under it wherever the public sees it, and follow a change at once.</summary>
public sealed class MediaCreditTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private Task<MediaItem> ImageAsync(string? credit, string? licence = null, MediaKind kind = MediaKind.Image, string? uploadedById = null) =>
        app.SaveAsync(new MediaItem
        {
            FileName = MediaFiles.NewName(ImageFormat.Jpeg), Kind = kind, Width = 800, Height = 600, Bytes = 1000, ContentType = "image/jpeg",
            AltText = "Plenary chamber", Credit = credit, Licence = licence, UploadedById = uploadedById, UploadedByName = "test", UploadedAt = app.Clock.GetUtcNow().UtcDateTime,
        });

    private async Task<string> PublishWithBodyAsync(string body)
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        var saved = await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id), new() { ["BodyMarkdown"] = body, ["Change"] = "TypoFix" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return article.Slug;
    }

    [Fact]
    public async Task An_image_alone_in_its_paragraph_becomes_a_figure_with_its_credit_and_one_in_text_gets_it_beside()
    {
        var photo = await ImageAsync("© European Union – Source: EP", "CC BY 4.0");
        var slug = await PublishWithBodyAsync($"The vote.\n\n![Plenary chamber]({photo.Url})\n\nAs seen here ![Plenary chamber]({photo.Url}) in the chamber.");

        var body = (await _reader.GetDocumentAsync($"/articles/{slug}")).QuerySelector(".statement__body")!;

        var figure = body.QuerySelector("figure.media-figure")!;
        Assert.Equal(photo.Url, figure.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("© European Union – Source: EP (CC BY 4.0)", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("© European Union – Source: EP (CC BY 4.0)", body.QuerySelector("p span.media-credit")!.TextContent);
    }

    [Fact]
    public async Task A_changed_credit_shows_at_once_without_touching_the_statement_and_is_audited()
    {
        var photo = await ImageAsync("Photo: Old Name");
        var slug = await PublishWithBodyAsync($"![Plenary chamber]({photo.Url})");
        var version = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Version).FirstAsync());
        Assert.Contains("Photo: Old Name", await _reader.GetStringAsync($"/articles/{slug}"));
        var editor = await app.SignedInAsync(Roles.Editor);

        var changed = await editor.Client.PostFormAsync("/admin/media", $"/admin/media/{photo.Id}/details",
            new() { ["AltText"] = "Plenary chamber in Strasbourg", ["Credit"] = "Photo: <b>New</b> Name", ["Licence"] = "" });
        var page = await _reader.GetDocumentAsync($"/articles/{slug}");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("Photo: <b>New</b> Name", page.QuerySelector("figcaption")!.TextContent);
        Assert.Null(page.QuerySelector("figcaption b"));
        Assert.Equal(version, await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Version).FirstAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MediaEdited && e.EntityId == photo.FileName)));
    }

    [Fact]
    public async Task An_meps_photo_shows_its_credit_on_the_profile_and_beside_the_statement()
    {
        var photo = await ImageAsync("© European Union – Source: EP", kind: MediaKind.Photo);
        var mep = TestData.Author("Jana Credit");
        mep.PhotoPath = photo.Url;
        await app.SaveAsync(mep);
        var article = await app.SaveAsync(TestData.Article(app, authors: [mep]));

        var profile = await _reader.GetDocumentAsync($"/meps/{mep.Slug}");
        var statement = await _reader.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal("Photo: © European Union – Source: EP", profile.QuerySelector(".profile__header .media-credit")!.TextContent);
        Assert.Equal("Photo: © European Union – Source: EP", statement.QuerySelector(".statement-aside .media-credit")!.TextContent);
    }

    [Fact]
    public async Task An_meps_portrait_is_described_by_its_library_alternative_text_marked_with_its_language_on_other_languages_pages()
    {
        var portrait = await ImageAsync(null, kind: MediaKind.Photo);
        await app.WithDbAsync(db => db.Media.Where(m => m.Id == portrait.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AltText, "Illustrated portrait of Ilse Drawn")));
        var drawn = TestData.Author(TestData.Unique("Ilse Drawn"));
        drawn.PhotoPath = portrait.Url;
        var outside = TestData.Author(TestData.Unique("Otto Outside"));
        outside.PhotoPath = "/media/not-in-the-library.jpg";
        await app.SaveAsync(drawn);
        await app.SaveAsync(outside);
        var article = await app.SaveAsync(TestData.Article(app, authors: [drawn, outside]));

        var profile = (await _reader.GetDocumentAsync($"/meps/{drawn.Slug}")).QuerySelector(".profile__header img.avatar")!;
        var dutch = (await _reader.GetDocumentAsync($"/nl/meps/{drawn.Slug}")).QuerySelector(".profile__header img.avatar")!;
        var aside = (await _reader.GetDocumentAsync($"/articles/{article.Slug}")).QuerySelectorAll(".statement-aside img.avatar").Select(i => i.GetAttribute("alt")).ToList();
        var card = (await _reader.GetDocumentAsync("/meps")).QuerySelectorAll(".mep-card").Single(c => c.QuerySelector(".mep-card__name")!.TextContent == drawn.FullName);
        var outsideDutch = (await _reader.GetDocumentAsync($"/nl/meps/{outside.Slug}")).QuerySelector(".profile__header img.avatar")!;

        Assert.Equal("Illustrated portrait of Ilse Drawn", profile.GetAttribute("alt"));
        Assert.False(profile.HasAttribute("lang"));
        Assert.Equal(("Illustrated portrait of Ilse Drawn", "en"), (dutch.GetAttribute("alt"), dutch.GetAttribute("lang")));
        Assert.Equal(["Illustrated portrait of Ilse Drawn", $"Photo of {outside.FullName}"], aside);
        Assert.Equal("Illustrated portrait of Ilse Drawn", card.QuerySelector("img.avatar")!.GetAttribute("alt"));
        Assert.Equal(($"Foto van {outside.FullName}", false), (outsideDutch.GetAttribute("alt"), outsideDutch.HasAttribute("lang")));
    }

    [Fact]
    public async Task A_lead_images_library_alternative_text_is_marked_with_its_language_on_a_statement_in_another()
    {
        var image = await ImageAsync(null);
        var english = TestData.Article(app);
        english.LeadImageId = image.Id;
        var dutch = TestData.Article(app);
        dutch.LeadImageId = image.Id;
        dutch.Language = "nl";
        await app.SaveAsync(english);
        await app.SaveAsync(dutch);

        var onEnglish = (await _reader.GetDocumentAsync($"/articles/{english.Slug}")).QuerySelector("picture img")!;
        var onDutch = (await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}")).QuerySelector("picture img")!;

        Assert.Equal(("Plenary chamber", null), (onEnglish.GetAttribute("alt"), onEnglish.GetAttribute("lang")));
        Assert.Equal(("Plenary chamber", "en"), (onDutch.GetAttribute("alt"), onDutch.GetAttribute("lang")));
    }

    [Fact]
    public async Task The_meps_directory_card_shows_the_photo_credit()
    {
        var photo = await ImageAsync("Photo: Jana Novak", "CC BY 4.0", MediaKind.Photo);
        var mep = TestData.Author(TestData.Unique("Card Credit"));
        mep.PhotoPath = photo.Url;
        await app.SaveAsync(mep);

        var card = (await _reader.GetDocumentAsync("/meps")).QuerySelectorAll(".mep-card").Single(c => c.QuerySelector(".mep-card__name")!.TextContent == mep.FullName);

        Assert.Equal("Photo: Jana Novak (CC BY 4.0)", card.QuerySelector(".media-credit")!.TextContent);
    }

    [Fact]
    public async Task An_meps_photo_credit_is_given_and_changed_on_the_meps_own_form_and_shows_at_once()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Form Credit");
        await editor.Client.PostAsync("/admin/meps/new", await MepFormAsync(editor, name, TestImages.Jpeg(300, 300), "© European Union – Source: EP"));
        var mep = await app.WithDbAsync(db => db.Authors.SingleAsync(a => a.FullName == name));
        var before = (await _reader.GetDocumentAsync($"/meps/{mep.Slug}")).QuerySelector(".profile__header .media-credit")!.TextContent;
        var prefilled = (await editor.Client.GetDocumentAsync($"/admin/meps/{mep.Id}/edit")).QuerySelector("#PhotoCredit")!.GetAttribute("value");

        var changed = await editor.Client.PostAsync($"/admin/meps/{mep.Id}/edit", await MepFormAsync(editor, name, null, "Photo: Jana\u202E Novak", "CC BY 4.0"));
        var tooLong = await editor.Client.PostAsync($"/admin/meps/{mep.Id}/edit", await MepFormAsync(editor, name, null, new string('c', MediaItemLimits.Credit + 1)));
        var after = (await _reader.GetDocumentAsync($"/meps/{mep.Slug}")).QuerySelector(".profile__header .media-credit")!.TextContent;

        Assert.Equal("Photo: © European Union – Source: EP", before);
        Assert.Equal("© European Union – Source: EP", prefilled);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("The photo credit may be at most 200 characters long.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal("Photo: Jana Novak (CC BY 4.0)", after);
        var photoName = MediaFiles.NameInUrl(mep.PhotoPath)!;
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MediaEdited && e.EntityId == photoName)));
    }

    [Fact]
    public async Task A_changed_credit_reaches_the_scheduled_update_of_a_statement_too()
    {
        var photo = await ImageAsync("Photo: Old Name");
        var article = await app.SaveAsync(TestData.Article(app));
        await app.WithDbAsync(async db =>
        {
            db.ScheduledUpdates.Add(new ScheduledUpdate
            {
                ArticleId = article.Id, Title = article.Title, Lead = article.Lead, BodyMarkdown = $"![Plenary chamber]({photo.Url})", BodyHtml = "<p>rendered before</p>",
                At = app.Clock.GetUtcNow().UtcDateTime.AddDays(1), CreatedByName = "test",
            });
            await db.SaveChangesAsync();
        });
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.PostFormAsync("/admin/media", $"/admin/media/{photo.Id}/details", new() { ["AltText"] = "Plenary chamber", ["Credit"] = "Photo: New Name" });

        var html = await app.WithDbAsync(db => db.ScheduledUpdates.Where(u => u.ArticleId == article.Id).Select(u => u.BodyHtml).SingleAsync());
        Assert.Equal("Photo: New Name", Html.Parse(html).QuerySelector("figcaption")!.TextContent);
    }

    private static async Task<MultipartFormDataContent> MepFormAsync(StaffMember staff, string name, byte[]? photo, string credit, string licence = "")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await staff.Client.AntiforgeryTokenAsync("/admin/meps/new")), "__RequestVerificationToken" },
            { new StringContent(name), "FullName" }, { new StringContent("DE"), "CountryCode" }, { new StringContent("Greens/EFA"), "PoliticalGroup" },
            { new StringContent("Bündnis 90/Die Grünen"), "NationalParty" }, { new StringContent("true"), "IsActive" },
            { new StringContent(credit), "PhotoCredit" }, { new StringContent(licence), "PhotoLicence" },
        };
        if (photo is not null)
        {
            form.Add(MediaRequests.File(photo, "image/jpeg"), "Photo", "portrait.jpg");
        }
        return form;
    }

    [Fact]
    public async Task Bad_details_and_other_peoples_images_are_refused()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var theirs = await ImageAsync(null, uploadedById: "someone-else");
        var own = await ImageAsync(null, uploadedById: contributor.Id);

        var other = await contributor.Client.PostFormAsync("/admin/media", $"/admin/media/{theirs.Id}/details", new() { ["AltText"] = "x", ["Credit"] = "Mine now" });
        var tooLong = await contributor.Client.PostFormAsync("/admin/media", $"/admin/media/{own.Id}/details", new() { ["AltText"] = "x", ["Credit"] = new string('c', MediaItemLimits.Credit + 1) });
        var noAlt = await contributor.Client.PostFormAsync("/admin/media", $"/admin/media/{own.Id}/details", new() { ["AltText"] = " ", ["Credit"] = "Fine" });
        var unknown = await contributor.Client.PostFormAsync("/admin/media", "/admin/media/999999/details", new() { ["AltText"] = "x" });
        var mine = await contributor.Client.PostFormAsync("/admin/media", $"/admin/media/{own.Id}/details", new() { ["AltText"] = "Own picture", ["Credit"] = "Photo: Me" });

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, noAlt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Media.Where(m => m.Id == theirs.Id).Select(m => m.Credit).FirstAsync()));
        Assert.Equal("Photo: Me", await app.WithDbAsync(db => db.Media.Where(m => m.Id == own.Id).Select(m => m.Credit).FirstAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MediaEdited && e.EntityId == own.FileName)));
    }

    [Fact]
    public async Task The_upload_form_takes_a_credit_and_licence()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var form = new MultipartFormDataContent
        {
            { MediaRequests.File(TestImages.Png(40, 30), "image/png"), "File", "chart.png" }, { new StringContent("A chart"), "AltText" },
            { new StringContent("Chart: the office"), "Credit" }, { new StringContent("CC0"), "Licence" },
            { new StringContent(await contributor.Client.AntiforgeryTokenAsync("/admin/media")), "__RequestVerificationToken" },
        };

        var response = await contributor.Client.PostAsync("/admin/media/upload", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Media.OrderByDescending(m => m.Id).FirstAsync());
        Assert.Equal(("Chart: the office", "CC0"), (stored.Credit, stored.Licence));
        Assert.Contains("Credit: Chart: the office (CC0)", await contributor.Client.GetStringAsync("/admin/media"));
    }
}
