using MepCms.Tests.Support;
using MepCms.Web.Features.Account;

namespace MepCms.Tests.Features.Media;

public sealed class MediaImageSizeTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task A_library_image_in_a_statement_is_stored_with_its_size_so_the_page_does_not_shift_while_it_loads()
    {
        var item = await app.UploadedItemAsync(TestImages.Png(640, 360), "A chart");
        var editor = await app.SignedInAsync(Roles.Editor);
        var author = await app.SaveAsync(TestData.Author());
        var body = $"""
            ![A chart]({item.Url})

            ![Not ours](/media/ffffffffffffffffffffffffffffffff.png)

            ![Elsewhere](https://example.org/picture.png)
            """;

        var id = await editor.Client.CreateDraftAsync(EditorForms.Fields(TestData.Unique("Sized images"), author.Id, body));

        var images = Html.Parse((await app.ReloadAsync(id)).BodyHtml).QuerySelectorAll("img").ToList();
        Assert.Equal(3, images.Count);
        Assert.Equal(($"{item.Width}", $"{item.Height}", "lazy"), (images[0].GetAttribute("width"), images[0].GetAttribute("height"), images[0].GetAttribute("loading")));
        Assert.Equal((640, 360), (item.Width, item.Height));
        Assert.All(images.Skip(1), img => Assert.False(img.HasAttribute("width") || img.HasAttribute("height"), "only the site's own stored images get a size"));
        Assert.Equal("https://example.org/picture.png", images[2].GetAttribute("src"));
    }

    [Fact]
    public async Task An_image_wider_than_the_text_column_needs_is_shown_through_its_renditions_and_a_narrower_one_as_it_is()
    {
        var wide = await app.UploadedItemAsync(TestImages.Jpeg(2400, 1200), "The plenary from the gallery");
        var narrow = await app.UploadedItemAsync(TestImages.Jpeg(1000, 500), "A committee room");
        var editor = await app.SignedInAsync(Roles.Editor);
        var author = await app.SaveAsync(TestData.Author());

        var id = await editor.Client.CreateDraftAsync(EditorForms.Fields(TestData.Unique("Wide images"), author.Id, $"![The plenary]({wide.Url})\n\n![A room]({narrow.Url})"));

        var images = Html.Parse((await app.ReloadAsync(id)).BodyHtml).QuerySelectorAll("img").ToList();
        var stem = wide.FileName[..32];
        Assert.Equal((2400, 1200), (wide.Width, wide.Height)); // stored larger than before, for the high-resolution download
        Assert.Equal(($"/media/{stem}-1200.jpg", "1200", "600"), (images[0].GetAttribute("src"), images[0].GetAttribute("width"), images[0].GetAttribute("height")));
        Assert.Equal($"/media/{stem}-480.jpg 480w, /media/{stem}-800.jpg 800w, /media/{stem}-1200.jpg 1200w, /media/{stem}-1600.jpg 1600w, /media/{stem}-2400.jpg 2400w",
            images[0].GetAttribute("srcset"));
        Assert.Equal("(min-width: 46rem) 42rem, calc(100vw - 2rem)", images[0].GetAttribute("sizes"));
        Assert.Equal((narrow.Url, "1000", null), (images[1].GetAttribute("src"), images[1].GetAttribute("width"), images[1].GetAttribute("srcset")));
    }
}
