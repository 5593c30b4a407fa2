using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Media;

namespace MepCms.Tests.Features.Media;

/// <summary>The library page: what staff see, and who may delete what.</summary>
public sealed class MediaLibraryTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task The_library_lists_uploads_with_thumbnails_their_markdown_and_an_upload_form()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(60, 40), "Hemicycle in Strasbourg");
        var staff = await app.SignedInAsync(Roles.Contributor);

        var page = await staff.Client.GetDocumentAsync("/admin/media");

        var thumb = page.QuerySelector($"img[src='{item.Url}']")!;
        Assert.Equal(("Hemicycle in Strasbourg", "60", "40"), (thumb.GetAttribute("alt"), thumb.GetAttribute("width"), thumb.GetAttribute("height")));
        Assert.Contains($"![Hemicycle in Strasbourg]({item.Url})", page.Body!.TextContent, StringComparison.Ordinal);
        var form = page.QuerySelector("form[action='/admin/media/upload']")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(form.QuerySelector("input[type=file][name=File][accept]"));
        Assert.NotNull(form.QuerySelector("label[for=AltText]"));
        // Contributors upload but do not delete.
        Assert.Null(page.QuerySelector($"form[action='/admin/media/{item.Id}/delete']"));
    }

    [Fact]
    public async Task A_contributor_may_not_delete_an_image()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(60, 40));
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var response = await contributor.Client.DeleteMediaAsync(item.Id);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.MediaFolder(), item.FileName)));
    }

    [Fact]
    public async Task An_editor_deletes_an_image_and_its_file_and_it_is_no_longer_served()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(60, 40));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.DeleteMediaAsync(item.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(await app.StoredItemsAsync(), m => m.Id == item.Id);
        Assert.False(File.Exists(Path.Combine(app.MediaFolder(), item.FileName)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(item.Url)).StatusCode);
    }

    [Fact]
    public async Task Delete_without_an_antiforgery_token_is_refused()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(60, 40));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostAsync($"/admin/media/{item.Id}/delete", Staff.Form([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.MediaFolder(), item.FileName)));
    }

    [Fact]
    public async Task An_image_a_statement_shows_is_not_deleted()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(60, 40));
        await app.SaveAsync(TestData.Article(app, body: $"Look: ![A picture]({item.Url})"));
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.DeleteMediaAsync(item.Id);

        Assert.Contains(await app.StoredItemsAsync(), m => m.Id == item.Id);
        Assert.True(File.Exists(Path.Combine(app.MediaFolder(), item.FileName)));
        Assert.Contains("1 statement(s) show it", (await editor.Client.GetDocumentAsync("/admin/media")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_unknown_image_is_not_found()
    {
        var editor = await app.SignedInAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.DeleteMediaAsync(999_999)).StatusCode);
    }

    [Fact]
    public async Task The_statement_editor_offers_the_picker_hidden_until_its_script_runs()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var page = await contributor.Client.GetDocumentAsync("/admin/articles/new");

        var picker = page.QuerySelector(".media-picker[hidden]")!;
        Assert.Equal(("/admin/media/picker", "/admin/media/upload", "BodyMarkdown"),
            (picker.GetAttribute("data-picker-url"), picker.GetAttribute("data-upload-url"), picker.GetAttribute("data-target")));
        Assert.Null(picker.QuerySelector("[name]")); // never posted with the statement
        Assert.NotNull(picker.QuerySelector("label[for=media-picker-file]"));
        Assert.NotNull(picker.QuerySelector("label[for=media-picker-alt]"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/media-picker.js?v=']"));
    }
}
