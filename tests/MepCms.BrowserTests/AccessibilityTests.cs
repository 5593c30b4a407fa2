using MepCms.BrowserTests.Support;

namespace MepCms.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class AccessibilityTests(Site site)
{
    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_home_page_has_no_serious_or_critical_axe_violations(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, "/");

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task A_statement_page_has_no_serious_or_critical_axe_violations(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, await FirstStatementPathAsync(site));

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableTheory]
    [InlineData("/accessibility", 390)]
    [InlineData("/privacy", 1280)]
    [InlineData("/legal-notice", 1280)]
    public async Task The_info_pages_have_no_serious_or_critical_axe_violations(string path, int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, path);

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_alert_sign_up_page_has_no_serious_or_critical_axe_violations(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, "/subscribe");

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableFact]
    public async Task The_check_finds_a_critical_violation_when_a_page_has_one()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('afterbegin', '<img src=\"/favicon.ico\">')");

        Assert.Contains(await Axe.SeriousViolationsAsync(page), violation => violation.Contains("image-alt"));
    }

    internal static async Task<string> FirstStatementPathAsync(Site site)
    {
        await using var context = await site.NewContextAsync();
        var home = await site.OpenAsync(context, "/");
        return (await home.Locator(".article-card__title a").First.GetAttributeAsync("href"))!;
    }
}
