using System.IO.Compression;
using MepCms.BrowserTests.Support;
using MepCms.Web.Features.Account;
using Microsoft.Playwright;
using SkiaSharp;

namespace MepCms.BrowserTests;

/// <summary>An admin imports an MEP from saved EP answers: preview, apply, and the MEP is on /meps with the EP's photo and credit.</summary>
[Collection(SiteCollection.Name)]
public sealed class ImportJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_admin_previews_and_applies_an_import_from_a_file_and_the_MEP_appears_with_photo_and_credit()
    {
        Chromium.SkipOrFailWhenMissing();
        await using var context = await site.NewContextAsync();
        var page = await site.SignInAsync(context, Roles.Admin);

        await page.GotoAsync("/admin/import");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.GetByLabel("Saved answers (zip or JSON-LD files, and photos)").SetInputFilesAsync(
            new FilePayload { Name = "ep-answers.zip", MimeType = "application/zip", Buffer = Answers() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).Last.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/import/preview$"));
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("1 new, 0 linked, 0 changed");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Marie Dupont EP 197403" })).ToBeVisibleAsync();
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply: write these changes" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/import$"));
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("1 photo stored");

        await page.GotoAsync("/meps");
        var card = page.Locator(".mep-card", new() { HasText = "Marie Dupont" });
        await card.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(card.Locator(".media-credit")).ToHaveTextAsync("Photo: © European Union – Source: EP");
        var photo = card.Locator("img[alt='Photo of Marie Dupont']");
        Assert.Matches("^/media/[0-9a-f]{32}\\.jpg$", await photo.GetAttributeAsync("src"));
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete ? img.naturalWidth > 0 : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth > 0)))"));
    }

    /// <summary>The saved answers for one MEP (Marie Dupont, FR) and her bodies, with a photo, zipped under the API's paths.</summary>
    private static byte[] Answers()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in new[] { "meps/197403.json", "corporate-bodies/4060.json", "corporate-bodies/4064.json", "corporate-bodies/7035.json" })
                zip.CreateEntryFromFile(Path.Combine(fixtures, path), path);
            using var photo = zip.CreateEntry("mepphoto/197403.jpg").Open();
            photo.Write(Portrait());
        }
        return buffer.ToArray();
    }

    private static byte[] Portrait()
    {
        using var bitmap = new SKBitmap(340, 428);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x1d, 0x4f, 0x91));
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
