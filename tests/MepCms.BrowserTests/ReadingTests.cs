using MepCms.BrowserTests.Support;

namespace MepCms.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class ReadingTests(Site site)
{
    [SkippableFact]
    public async Task A_reader_opens_a_statement_from_the_home_page_and_sees_its_title_body_and_MEP()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");

        var firstStatement = page.Locator(".article-card__title a").First;
        var title = (await firstStatement.InnerTextAsync()).Trim();
        await firstStatement.ClickAsync();

        await page.WaitForURLAsync("**/articles/**");
        Assert.Equal(title, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.NotEmpty((await page.Locator(".statement__body").InnerTextAsync()).Trim());
        var mep = page.Locator(".statement__byline a[href^='/meps/']").First;
        Assert.True(await mep.IsVisibleAsync());
        Assert.NotEmpty((await mep.InnerTextAsync()).Trim());
    }
}
