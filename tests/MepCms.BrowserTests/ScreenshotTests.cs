using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>
/// Home, statement, MEP directory and MEP pages as a phone (390 px) and a desktop (1280 px) show
/// them, in the light and the dark scheme, kept for review; none scrolls sideways.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ScreenshotTests(Site site)
{
    [SkippableTheory]
    [InlineData(390, ColorScheme.Light)]
    [InlineData(1280, ColorScheme.Light)]
    [InlineData(390, ColorScheme.Dark)]
    [InlineData(1280, ColorScheme.Dark)]
    public async Task The_main_pages_are_captured_and_fit_the_width(int width, ColorScheme scheme)
    {
        await using var context = await site.NewContextAsync(width, colorScheme: scheme);
        var statement = await AccessibilityTests.FirstStatementPathAsync(site);
        var page = await site.OpenAsync(context, statement);
        var mep = (await page.Locator("main a[href^='/meps/']").First.GetAttributeAsync("href"))!;
        var suffix = $"{width}{(scheme == ColorScheme.Dark ? "-dark" : "")}";

        foreach (var (name, path) in new[] { ("home", "/"), ("article", statement), ("meps", "/meps"), ("mep", mep) })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, $"{page.Url} is wider than {width} px");
            Assert.True(new FileInfo(await Screenshots.SaveAsync(page, $"{name}-{suffix}")).Length > 0);
        }
    }
}
