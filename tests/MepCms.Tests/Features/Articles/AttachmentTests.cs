using System.Net;
using System.Text;
using System.Xml.Linq;
using MepCms.Tests.Features.Attachments;
using MepCms.Tests.Features.Media;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Attachments;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Articles;

/// <summary>PDF documents attached to a statement: checked by content, listed under it, served by the site while it is public.</summary>
public sealed class AttachmentTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private Task<List<ArticleAttachment>> StoredAsync(int articleId) => app.StoredAttachmentsAsync(articleId);

    [Fact]
    public async Task A_pdf_is_listed_under_the_statement_served_as_a_download_and_carried_by_the_feed()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Letter on fisheries quotas"));
        var editor = await app.SignedInAsync(Roles.Editor);
        var pdf = TestPdfs.Build();
        await _reader.GetStringAsync($"/articles/{article.Slug}"); // cached before

        var attached = await editor.AttachAsync(article.Id, pdf, "Signed letter to the Commission (7 October)");
        var page = await _reader.GetDocumentAsync($"/articles/{article.Slug}");
        var link = page.QuerySelector(".statement__documents a")!;
        var download = await _reader.GetAsync(link.GetAttribute("href"));
        var item = XDocument.Parse(await _reader.GetStringAsync("/feed.xml")).Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(article.Slug, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        Assert.Equal("Signed letter to the Commission (7 October)", link.TextContent);
        Assert.Equal($"(PDF, {Sizes.Text(pdf.Length)}, 1 page)", page.QuerySelector(".statement__document-size")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("signed-letter-to-the-commission-7-october.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        var enclosure = item.Element("enclosure")!;
        Assert.EndsWith(link.GetAttribute("href")!, enclosure.Attribute("url")!.Value);
        Assert.Equal("application/pdf", enclosure.Attribute("type")!.Value);
        Assert.Equal(pdf.Length.ToString(), enclosure.Attribute("length")!.Value);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleAttachmentAdded)));
    }

    [Fact]
    public async Task A_dutch_feed_links_the_dutch_statement_and_its_document_at_the_documents_one_address()
    {
        var article = TestData.Article(app, title: "Brief over visquota");
        article.Language = "nl";
        article = await app.SaveAsync(article);
        var editor = await app.SignedInAsync(Roles.Editor);
        await editor.AttachAsync(article.Id, TestPdfs.Build(), "Ondertekende brief");

        var item = XDocument.Parse(await _reader.GetStringAsync("/nl/feed.xml")).Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(article.Slug, StringComparison.Ordinal));
        var enclosure = new Uri(item.Element("enclosure")!.Attribute("url")!.Value);

        Assert.Equal($"http://localhost/nl/articles/{article.Slug}", item.Element("link")!.Value);
        Assert.StartsWith("/attachments/", enclosure.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync(enclosure.PathAndQuery)).StatusCode);
    }

    [Theory]
    [InlineData("png", PdfCheck.NotAPdf)]
    [InlineData("text", PdfCheck.NotAPdf)]
    [InlineData("no-eof", PdfCheck.NotAPdf)]
    [InlineData("javascript", "contains JavaScript")]
    [InlineData("js-action", "contains JavaScript")]
    [InlineData("hex-escaped", "contains JavaScript")]
    [InlineData("embedded-in-object-stream", "contains embedded files")]
    [InlineData("launch", "launches a program")]
    [InlineData("additional-actions", "actions that run by themselves")]
    [InlineData("bomb", "could not be checked")]
    public async Task Files_that_are_not_plain_pdfs_are_refused_with_a_message_and_nothing_is_stored(string kind, string message)
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        var pdf = kind switch
        {
            "png" => TestImages.Png(10, 10),
            "text" => Encoding.UTF8.GetBytes("This is not a PDF, %PDF-1.7 only later.\n%%EOF"),
            "no-eof" => TestPdfs.Build()[..^20],
            "javascript" => TestPdfs.Build(catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "),
            "js-action" => TestPdfs.Build(catalogExtra: "/OpenAction 5 0 R ", extraObject: Encoding.ASCII.GetBytes("<< /S /JavaScript /JS (x) >>")),
            "hex-escaped" => TestPdfs.Build(catalogExtra: "/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> "),
            "embedded-in-object-stream" => TestPdfs.Build(extraObject: TestPdfs.CompressedObject("<< /Type /Filespec /EF << /F 6 0 R >> /Names << /EmbeddedFiles 7 0 R >> >>")),
            "launch" => TestPdfs.Build(catalogExtra: "/OpenAction << /S /Launch /F (cmd.exe) >> "),
            "additional-actions" => TestPdfs.Build(catalogExtra: "/AA << /WC 5 0 R >> "),
            _ => TestPdfs.Build(extraObject: Bomb()),
        };

        var filesBefore = StoredFiles();

        var response = await editor.AttachAsync(article.Id, pdf);
        var page = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("#attachments", response.Headers.Location!.OriginalString);
        Assert.Contains(message, page.QuerySelector("#attachments .admin-alert")!.TextContent);
        Assert.Empty(await StoredAsync(article.Id));
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task A_title_too_long_or_of_invisible_characters_is_refused_and_a_title_is_stored_clean()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.AttachAsync(article.Id, TestPdfs.Build(), new string('t', ArticleAttachment.TitleLength + 1));
        var tooLong = (await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#attachments .admin-alert")!.TextContent;
        await editor.AttachAsync(article.Id, TestPdfs.Build(), "\u200B\u202E");
        var invisible = (await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#attachments .admin-alert")!.TextContent;
        var storedBefore = await StoredAsync(article.Id);
        await editor.AttachAsync(article.Id, TestPdfs.Build(), "Letter\u202E to\u200B the\nCommission");

        Assert.Contains("at most 200 characters", tooLong);
        Assert.Contains(MepCms.Web.Features.Attachments.Attachments.NoTitle, invisible);
        Assert.Empty(storedBefore);
        var stored = Assert.Single(await StoredAsync(article.Id));
        Assert.Equal(("Letter to the Commission", "letter-to-the-commission.pdf"), (stored.Title, stored.DownloadName));
    }

    [Fact]
    public async Task A_document_larger_than_the_limit_gets_the_friendly_413_page()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.AttachAsync(article.Id, new byte[21 * 1024 * 1024]);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("documents may be at most 20 MB", page.Body!.TextContent);
        Assert.Equal($"/admin/articles/{article.Id}/edit#attachments", page.QuerySelector(".admin-narrow p:last-child a")!.GetAttribute("href"));
        Assert.Empty(await StoredAsync(article.Id));
    }

    [Fact]
    public async Task A_drafts_documents_are_not_public_and_a_contributor_cannot_touch_someone_elses()
    {
        var owner = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var mep = await app.SaveAsync(TestData.Author());
        var id = await owner.Client.CreateDraftAsync(EditorForms.Fields(TestData.Unique("Draft with a letter"), mep.Id));
        await owner.AttachAsync(id, TestPdfs.Build());
        var stored = (await StoredAsync(id)).Single();

        var publicDownload = await _reader.GetAsync(stored.Url);
        var staffDownload = await owner.Client.GetAsync($"/admin/articles/{id}/attachments/{stored.Id}");
        var byOther = await other.Client.PostAsync($"/admin/articles/{id}/attachments/{stored.Id}/remove",
            Staff.Form([], await other.Client.AntiforgeryTokenAsync("/admin/articles/new")));
        var otherDownload = await other.Client.GetAsync($"/admin/articles/{id}/attachments/{stored.Id}");

        Assert.Equal(HttpStatusCode.NotFound, publicDownload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        Assert.Equal("attachment", staffDownload.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDownload.StatusCode);
        Assert.Single(await StoredAsync(id));
    }

    [Fact]
    public async Task Documents_are_renamed_reordered_and_removed_and_the_page_follows()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        await editor.AttachAsync(article.Id, TestPdfs.Build("one"), "Letter");
        await editor.AttachAsync(article.Id, TestPdfs.Build("two"), "Speech as delivered");
        var (letter, speech) = (await StoredAsync(article.Id)) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var page = $"/admin/articles/{article.Id}/edit";

        await editor.Client.PostFormAsync(page, $"/admin/articles/{article.Id}/attachments/{speech.Id}/up", []);
        await editor.Client.PostFormAsync(page, $"/admin/articles/{article.Id}/attachments/{letter.Id}/rename", new() { ["Title"] = "Signed letter" });
        var ordered = (await _reader.GetDocumentAsync($"/articles/{article.Slug}")).QuerySelectorAll(".statement__documents a").Select(a => a.TextContent).ToList();
        var renamedTo = (await StoredAsync(article.Id)).Single(a => a.Id == letter.Id).DownloadName;
        var oldName = await _reader.GetAsync($"/attachments/{letter.Id}/letter.pdf");
        var emptyTitle = await editor.Client.PostFormAsync(page, $"/admin/articles/{article.Id}/attachments/{letter.Id}/rename", new() { ["Title"] = " " });
        await editor.Client.PostFormAsync(page, $"/admin/articles/{article.Id}/attachments/{speech.Id}/remove", []);
        var unknown = await editor.Client.PostFormAsync(page, $"/admin/articles/{article.Id}/attachments/999999/remove", []);

        Assert.Equal(["Speech as delivered", "Signed letter"], ordered);
        Assert.Equal("signed-letter.pdf", renamedTo);
        Assert.Equal(HttpStatusCode.Redirect, oldName.StatusCode);
        Assert.Equal($"/attachments/{letter.Id}/signed-letter.pdf", oldName.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, emptyTitle.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["Signed letter"], (await StoredAsync(article.Id)).Select(a => a.Title));
        Assert.Equal(["Signed letter"], (await _reader.GetDocumentAsync($"/articles/{article.Slug}")).QuerySelectorAll(".statement__documents a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(speech.Url)).StatusCode);
    }

    private string[] StoredFiles() => app.StoredDocumentFiles();

    /// <summary>An object stream that inflates to far more than any document: 80 MB of zeros in a few kilobytes.</summary>
    private static byte[] Bomb() =>
        TestPdfs.Stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", TestPdfs.Deflate(new byte[80 * 1024 * 1024]));
}
