using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>The public site in the reader's dark scheme (same contrast rules) and on paper.</summary>
[Collection(SiteCollection.Name)]
public sealed class ColourSchemeAndPrintTests(Site site)
{
    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task In_dark_mode_every_kind_of_public_page_is_dark_and_has_no_serious_or_critical_axe_violations(int width)
    {
        await using var context = await site.NewContextAsync(width, colorScheme: ColorScheme.Dark);
        var page = await site.OpenAsync(context, await AccessibilityTests.FirstStatementPathAsync(site));
        var paths = new List<string> { "/", page.Url, "/meps", "/committees", "/subscribe", "/search?q=member" };
        paths.Add((await page.Locator("main a[href^='/meps/']").First.GetAttributeAsync("href"))!);

        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            Assert.Equal("rgb(18, 24, 32)", background);
            Assert.Empty(await Axe.SeriousViolationsAsync(page));
        }
    }

    [SkippableFact]
    public async Task The_back_office_stays_light_in_dark_mode()
    {
        await using var context = await site.NewContextAsync(colorScheme: ColorScheme.Dark);
        var page = await site.SignInAsync(context, MepCms.Web.Features.Account.Roles.Editor);

        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [SkippableFact]
    public async Task A_printed_statement_has_no_navigation_or_forms_and_prints_where_its_links_go()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, await AccessibilityTests.FirstStatementPathAsync(site));
        await page.EvaluateAsync("() => document.querySelector('.statement__body').insertAdjacentHTML('beforeend', '<p><a id=\"printed-link\" href=\"https://www.europarl.europa.eu/\">the Parliament</a></p>')");

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(await page.Locator(".site-nav").IsVisibleAsync());
        Assert.False(await page.Locator(".rating").IsVisibleAsync());
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.True(await page.Locator(".site-footer").IsVisibleAsync());
        var after = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#printed-link'), '::after').content");
        Assert.Contains("https://www.europarl.europa.eu/", after);
    }
}
