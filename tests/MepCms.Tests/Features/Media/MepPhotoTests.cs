using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Media;

/// <summary>An MEP's photo through /admin/meps: added, replaced, removed, and shown on the public pages.</summary>
public sealed class MepPhotoTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static MultipartFormDataContent MepForm(string token, string name, byte[]? photo = null, bool removePhoto = false)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(name), "FullName" },
            { new StringContent("DE"), "CountryCode" },
            { new StringContent("Greens/EFA"), "PoliticalGroup" },
            { new StringContent("Bündnis 90/Die Grünen"), "NationalParty" },
            { new StringContent("true"), "IsActive" },
        };
        if (photo is not null)
        {
            form.Add(MediaRequests.File(photo, "image/jpeg"), "Photo", "portrait.jpg");
        }
        if (removePhoto)
        {
            form.Add(new StringContent("true"), "RemovePhoto");
        }
        return form;
    }

    private async Task<HttpResponseMessage> PostMepAsync(HttpClient client, string url, string name, byte[]? photo = null, bool removePhoto = false) =>
        await client.PostAsync(url, MepForm(await client.AntiforgeryTokenAsync("/admin/meps/new"), name, photo, removePhoto));

    private Task<(int Id, string Slug, string? PhotoPath)> MepAsync(string name) =>
        app.WithDbAsync(db => db.Authors.Where(a => a.FullName == name).Select(a => ValueTuple.Create(a.Id, a.Slug, a.PhotoPath)).SingleAsync());

    [Fact]
    public async Task An_mep_added_with_a_photo_shows_it_cropped_square_on_the_directory_and_the_profile()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Hanna Photo");

        var response = await PostMepAsync(editor.Client, "/admin/meps/new", name, TestImages.Jpeg(900, 1200, withMetadata: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mep = await MepAsync(name);
        var item = (await app.StoredItemsAsync()).Single(m => m.Url == mep.PhotoPath);
        Assert.Equal((MediaKind.Photo, MediaOptions.PhotoSide, MediaOptions.PhotoSide), (item.Kind, item.Width, item.Height));
        Assert.Equal($"Photo of {name}", item.AltText);
        foreach (var url in new[] { "/meps", $"/meps/{mep.Slug}" })
        {
            var img = (await app.CreateClient().GetDocumentAsync(url)).QuerySelector($"img[src='{mep.PhotoPath}']");
            Assert.NotNull(img);
            Assert.Equal(($"Photo of {name}", "96", "96"), (img.GetAttribute("alt"), img.GetAttribute("width"), img.GetAttribute("height")));
        }
        var served = await app.CreateClient().GetAsync(mep.PhotoPath);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var decoded = TestImages.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((MediaOptions.PhotoSide, MediaOptions.PhotoSide), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task Replacing_a_photo_serves_the_new_one_and_removes_the_old_file()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Rita Replace");
        await PostMepAsync(editor.Client, "/admin/meps/new", name, TestImages.Jpeg(300, 300));
        var before = await MepAsync(name);

        var response = await PostMepAsync(editor.Client, $"/admin/meps/{before.Id}/edit", name, TestImages.Jpeg(400, 300));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await MepAsync(name);
        Assert.NotEqual(before.PhotoPath, after.PhotoPath);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(after.PhotoPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(before.PhotoPath)).StatusCode);
        Assert.DoesNotContain(await app.StoredItemsAsync(), m => m.Url == before.PhotoPath);
    }

    [Fact]
    public async Task Removing_a_photo_shows_the_initials_again_and_removes_the_file()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Rudi Remove");
        await PostMepAsync(editor.Client, "/admin/meps/new", name, TestImages.Jpeg(300, 300));
        var before = await MepAsync(name);
        var editPage = await editor.Client.GetDocumentAsync($"/admin/meps/{before.Id}/edit");
        Assert.NotNull(editPage.QuerySelector($"img[src='{before.PhotoPath}']"));
        Assert.NotNull(editPage.QuerySelector("input[type=checkbox][name=RemovePhoto]"));

        await PostMepAsync(editor.Client, $"/admin/meps/{before.Id}/edit", name, removePhoto: true);

        Assert.Null((await MepAsync(name)).PhotoPath);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(before.PhotoPath)).StatusCode);
        var profile = await app.CreateClient().GetDocumentAsync($"/meps/{before.Slug}");
        Assert.NotNull(profile.QuerySelector(".profile__header .avatar--initials"));
    }

    [Fact]
    public async Task A_photo_that_is_not_an_image_keeps_the_form_with_a_message_and_adds_nothing()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Ivo Invalid");
        var (files, items) = (app.StoredFiles().Length, (await app.StoredItemsAsync()).Count);

        var response = await PostMepAsync(editor.Client, "/admin/meps/new", name, [(byte)'M', (byte)'Z', 0, 0, 0, 0]);

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("not a JPEG, PNG or WebP", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector("#FullName")?.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Authors.AnyAsync(a => a.FullName == name)));
        Assert.Equal((files, items), (app.StoredFiles().Length, (await app.StoredItemsAsync()).Count));
    }

    [Fact]
    public async Task An_invalid_form_stores_no_photo()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var (files, items) = (app.StoredFiles().Length, (await app.StoredItemsAsync()).Count);

        var response = await PostMepAsync(editor.Client, "/admin/meps/new", "", TestImages.Jpeg(300, 300));

        Assert.Contains("Enter the MEP's full name", Html.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal((files, items), (app.StoredFiles().Length, (await app.StoredItemsAsync()).Count));
    }

    [Fact]
    public async Task The_mep_form_posts_its_photo_as_multipart()
    {
        var editor = await app.SignedInAsync(Roles.Editor);

        var form = (await editor.Client.GetDocumentAsync("/admin/meps/new")).QuerySelector("form[action='/admin/meps/new']")!;

        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(form.QuerySelector("label[for=Photo]"));
        Assert.Equal("image/jpeg,image/png,image/webp", form.QuerySelector("input#Photo[type=file]")?.GetAttribute("accept"));
    }

    [Fact]
    public async Task An_mep_photo_in_use_is_not_deleted_from_the_library()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var name = TestData.Unique("Pia Protected");
        await PostMepAsync(editor.Client, "/admin/meps/new", name, TestImages.Jpeg(300, 300));
        var mep = await MepAsync(name);
        var photo = (await app.StoredItemsAsync()).Single(m => m.Url == mep.PhotoPath);

        await editor.Client.DeleteMediaAsync(photo.Id);

        Assert.Contains(await app.StoredItemsAsync(), m => m.Id == photo.Id);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(photo.Url)).StatusCode);
        Assert.Contains($"the profile of {name} shows it", (await editor.Client.GetDocumentAsync("/admin/media")).Body!.TextContent, StringComparison.Ordinal);
    }
}
