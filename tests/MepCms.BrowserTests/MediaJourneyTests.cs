using MepCms.BrowserTests.Support;
using MepCms.Web.Features.Account;
using Microsoft.Playwright;
using SkiaSharp;

namespace MepCms.BrowserTests;

/// <summary>An editor adds an MEP with a photo, which the directory then shows; and picks an image into a statement.</summary>
[Collection(SiteCollection.Name)]
public sealed class MediaJourneyTests(Site site)
{
    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x12, 0x3a, 0x73));
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [SkippableFact]
    public async Task An_editor_adds_an_mep_with_a_photo_who_then_appears_on_the_directory_with_it()
    {
        Chromium.SkipOrFailWhenMissing();
        var name = $"Photo Tester {Guid.NewGuid():N}"[..22];
        await using var context = await site.NewContextAsync();
        var page = await site.SignInAsync(context, Roles.Editor);

        await page.GotoAsync("/admin/meps/new");
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Member state").SelectOptionAsync("AT");
        await page.GetByLabel("Political group").FillAsync("Renew");
        await page.GetByLabel("National party").FillAsync("NEOS");
        await page.Locator("#Photo").SetInputFilesAsync(new FilePayload { Name = "portrait.jpg", MimeType = "image/jpeg", Buffer = Jpeg(800, 1000) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/meps/*/edit");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("was added");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        await page.GotoAsync("/meps");
        var photo = page.Locator($"img[alt='Photo of {name}']");
        await photo.ScrollIntoViewIfNeededAsync();
        var src = await photo.GetAttributeAsync("src");
        Assert.Matches("^/media/[0-9a-f]{32}\\.jpg$", src);
        var naturalWidth = await photo.EvaluateAsync<int>(
            "img => img.complete && img.naturalWidth > 0 ? img.naturalWidth : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth)))");
        Assert.Equal(192, naturalWidth);
        var response = await context.APIRequest.GetAsync(src!);
        Assert.Equal(200, response.Status);
        Assert.Equal("image/jpeg", response.Headers["content-type"]);
    }

    [SkippableFact]
    public async Task An_editor_uploads_an_image_from_the_statement_editor_and_it_is_inserted_at_the_cursor()
    {
        Chromium.SkipOrFailWhenMissing();
        await using var context = await site.NewContextAsync();
        var page = await site.SignInAsync(context, Roles.Editor);

        await page.GotoAsync("/admin/articles/new");
        await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        await page.Keyboard.TypeAsync("Before the image. ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert image" }).ClickAsync();
        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "chart.jpg", MimeType = "image/jpeg", Buffer = Jpeg(600, 300) });
        await page.GetByLabel("Alternative text (what the image shows)").FillAsync("Results of the vote");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and insert" }).ClickAsync();

        await Assertions.Expect(page.Locator(".CodeMirror")).ToContainTextAsync("Before the image. ![Results of the vote](/media/");
        var preview = page.Locator("#body-preview img[alt='Results of the vote']");
        await Assertions.Expect(preview).ToHaveCountAsync(1);
        Assert.True(await preview.EvaluateAsync<bool>("img => img.complete ? img.naturalWidth > 0 : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth > 0)))"));

        // Picking the same image again from the list works with the keyboard alone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert image" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".media-picker__choice").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert image" })).ToBeFocusedAsync();

        await page.GotoAsync("/admin/media");
        await Assertions.Expect(page.Locator("img[alt='Results of the vote']")).ToHaveCountAsync(1);
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }
}
