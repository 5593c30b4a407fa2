using MepCms.BrowserTests.Support;

namespace MepCms.BrowserTests;

/// <summary>A reader follows links from the home page through the whole public site.</summary>
[Collection(SiteCollection.Name)]
public sealed class ReaderJourneyTests(Site site)
{
    [SkippableFact]
    public async Task A_reader_goes_from_a_statement_to_its_MEP_to_a_committee_then_searches_and_pages()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");

        await page.Locator(".article-card__title a").First.ClickAsync();
        await page.WaitForURLAsync("**/articles/**");

        var mep = page.Locator(".statement__byline a[href^='/meps/']").First;
        var mepName = (await mep.InnerTextAsync()).Trim();
        await mep.ClickAsync();
        await page.WaitForURLAsync("**/meps/**");
        Assert.Contains(mepName, await page.Locator("h1").InnerTextAsync());

        var committee = page.Locator("main a[href^='/committees/']").First;
        await committee.ClickAsync();
        await page.WaitForURLAsync("**/committees/**");
        Assert.NotEmpty((await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".article-card").CountAsync() > 0, "the committee page lists its statements");

        var search = page.Locator("input[name=q]").First;
        await search.FillAsync("member");
        await search.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=member*");
        var firstPage = await page.Locator(".article-card__title").AllInnerTextsAsync();
        Assert.NotEmpty(firstPage);

        await page.Locator("a[rel=next]").First.ClickAsync();
        await page.WaitForURLAsync("**page=2*");
        var secondPage = await page.Locator(".article-card__title").AllInnerTextsAsync();
        Assert.NotEmpty(secondPage);
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Equal("member", await page.Locator("main input[name=q]").InputValueAsync());
    }

    [SkippableTheory]
    [InlineData("/meps")]
    [InlineData("/committees")]
    [InlineData("/search?q=member")]
    [InlineData("/search?q=")]
    public async Task Every_public_page_has_no_serious_or_critical_axe_violations(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, path);

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableFact]
    public async Task An_MEP_a_committee_and_a_topic_page_have_no_serious_or_critical_axe_violations()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, await AccessibilityTests.FirstStatementPathAsync(site));
        var links = new List<string>();
        foreach (var prefix in new[] { "/meps/", "/committees/", "/topics/" })
        {
            links.Add((await page.Locator($"main a[href^='{prefix}']").First.GetAttributeAsync("href"))!);
        }

        foreach (var link in links)
        {
            await page.GotoAsync(link);
            Assert.Empty(await Axe.SeriousViolationsAsync(page));
        }
    }
}
