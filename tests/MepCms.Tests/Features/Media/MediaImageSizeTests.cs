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
}
