using MepCms.BrowserTests.Support;

namespace MepCms.BrowserTests;

/// <summary>Home and statement pages as a phone (390 px) and a desktop (1280 px) show them, kept for review.</summary>
[Collection(SiteCollection.Name)]
public sealed class ScreenshotTests(Site site)
{
    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Home_and_statement_pages_are_captured_and_fit_the_width(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, "/");
        await AssertNoHorizontalScrollAsync(page, width);
        Assert.True(new FileInfo(await Screenshots.SaveAsync(page, $"home-{width}")).Length > 0);

        await page.GotoAsync(await AccessibilityTests.FirstStatementPathAsync(site));
        await AssertNoHorizontalScrollAsync(page, width);
        Assert.True(new FileInfo(await Screenshots.SaveAsync(page, $"article-{width}")).Length > 0);
    }

    private static async Task AssertNoHorizontalScrollAsync(Microsoft.Playwright.IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width,
            $"{page.Url} is wider than {width} px");
}
