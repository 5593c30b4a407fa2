using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Attachments;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Attachments;

/// <summary>Where a statement's documents reach readers: the download, the embargo page, the preview, the feed; and where they go when it is deleted.</summary>
public sealed class AttachmentDeliveryTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<(Article Article, ArticleAttachment Document)> AttachedAsync(StaffMember editor, Article article, string title = "Signed letter")
    {
        Assert.Equal(HttpStatusCode.Redirect, (await editor.AttachAsync(article.Id, TestPdfs.Build(pages: 2), title)).StatusCode);
        return (article, (await app.StoredAttachmentsAsync(article.Id)).Last());
    }

    [Fact]
    public async Task The_download_carries_an_etag_and_a_browser_that_has_it_gets_304()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var (_, document) = await AttachedAsync(editor, await app.SaveAsync(TestData.Article(app)));

        var first = await _reader.GetAsync(document.Url);
        var again = new HttpRequestMessage(HttpMethod.Get, document.Url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await _reader.SendAsync(again);

        Assert.Equal($"\"{Path.GetFileNameWithoutExtension(document.FileName)}\"", first.Headers.ETag!.Tag);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl!.MaxAge);
        Assert.True(first.Headers.CacheControl.Public);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task An_embargo_link_gives_the_documents_through_the_link_while_their_public_address_is_not_found()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var (article, document) = await AttachedAsync(editor, await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1))));
        var other = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1)));
        var link = await EmbargoLinkAsync(editor, article.Id);
        var otherLink = await EmbargoLinkAsync(editor, other.Id);

        var page = await _reader.GetDocumentAsync(link);
        var href = page.QuerySelector(".statement__documents a")!.GetAttribute("href")!;
        var download = await _reader.GetAsync(href);
        var throughOtherLink = await _reader.GetAsync($"/embargo/attachments/{document.Id}?{new Uri("http://x" + otherLink).Query.TrimStart('?')}");
        var forged = await _reader.GetAsync($"/embargo/attachments/{document.Id}?token=CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.StartsWith($"/embargo/attachments/{document.Id}?token=", href, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("signed-letter.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(download.Headers.CacheControl!.NoStore);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(document.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughOtherLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task The_staff_preview_of_a_draft_links_its_documents_to_the_back_office_download()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var (article, document) = await AttachedAsync(editor, await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft)));

        var preview = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/preview");
        var href = preview.QuerySelector(".statement__documents a")!.GetAttribute("href")!;

        Assert.Equal($"/admin/articles/{article.Id}/attachments/{document.Id}", href);
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync(href)).StatusCode);
        Assert.Equal("(PDF, " + MepCms.Web.Features.Media.Sizes.Text(document.Bytes) + ", 2 pages)", preview.QuerySelector(".statement__document-size")!.TextContent);
    }

    [Fact]
    public async Task The_feed_encloses_the_first_document_and_names_every_one_as_media_content()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var article = await app.SaveAsync(TestData.Article(app));
        await _reader.GetStringAsync("/feed.xml"); // cached before
        var (_, letter) = await AttachedAsync(editor, article, "Signed letter");
        var (_, speech) = await AttachedAsync(editor, article, "Speech as delivered");

        var feed = XDocument.Parse(await _reader.GetStringAsync("/feed.xml"));
        var item = feed.Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(article.Slug, StringComparison.Ordinal));
        XNamespace media = "http://search.yahoo.com/mrss/";
        var contents = item.Elements(media + "content").ToList();

        Assert.EndsWith(letter.Url, Assert.Single(item.Elements("enclosure")).Attribute("url")!.Value);
        Assert.Equal([letter.Url, speech.Url], contents.Select(c => new Uri(c.Attribute("url")!.Value).AbsolutePath));
        Assert.Equal(["Signed letter", "Speech as delivered"], contents.Select(c => c.Element(media + "title")!.Value));
        Assert.All(contents, c => Assert.Equal(("application/pdf", "document"), (c.Attribute("type")!.Value, c.Attribute("medium")!.Value)));
        Assert.Equal(speech.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), contents[1].Attribute("fileSize")!.Value);
    }

    [Fact]
    public async Task Deleting_a_statement_removes_its_document_files()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var (article, document) = await AttachedAsync(editor, await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft)));
        var (_, kept) = await AttachedAsync(editor, await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft)));
        var file = Path.Combine(app.DocumentsFolder(), document.FileName);
        var keptFile = Path.Combine(app.DocumentsFolder(), kept.FileName);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1)); // the sweep leaves files of the last minute alone
        File.SetLastWriteTimeUtc(keptFile, DateTime.UtcNow.AddHours(-1));
        var admin = await app.SignedInAsync(Roles.Admin);

        var deleted = await admin.Client.PostFormAsync($"/admin/articles/{article.Id}/delete", $"/admin/articles/{article.Id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == article.Id)));
        Assert.False(File.Exists(file));
        Assert.True(File.Exists(keptFile));
    }

    private static async Task<string> EmbargoLinkAsync(StaffMember editor, int articleId)
    {
        var response = await editor.Client.PostFormAsync("/admin/articles/new", $"/admin/articles/{articleId}/embargo", []);
        var url = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#embargo-url")!.GetAttribute("value")!;
        return new Uri(url).PathAndQuery;
    }
}
