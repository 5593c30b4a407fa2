using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>
/// The statement page stays light on a first visit: at most 60 KiB over the wire (compressed,
/// everything included: its lead image and the site's font), at most 12 requests, and none to
/// another site (decision 0281).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PageWeightTests(Site site)
{
    private const long MaxBytes = 60 * 1024;
    private const int MaxRequests = 12;

    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task A_statement_page_first_view_stays_within_its_budget_and_asks_no_other_site(int width)
    {
        var path = await AccessibilityTests.FirstStatementPathAsync(site);
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        long bytes = 0;
        foreach (var request in requests)
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        Assert.All(requests, r => Assert.Equal(site.BaseAddress.Authority, new Uri(r.Url).Authority));
        Assert.True(requests.Count <= MaxRequests, $"{requests.Count} requests: {string.Join(", ", requests.Select(r => new Uri(r.Url).AbsolutePath))}");
        Assert.True(bytes <= MaxBytes, $"{bytes / 1024.0:0.0} KiB transferred on a first view of {path}");
        // The site's own font is part of it: loaded once, from the site, and used for the text.
        Assert.Single(requests, r => new Uri(r.Url).AbsolutePath.StartsWith("/lib/source-sans-3/", StringComparison.Ordinal));
        Assert.StartsWith("\"Source Sans 3\"", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.statement__body p')).fontFamily"));
        Assert.True(await page.EvaluateAsync<bool>("document.fonts.check('400 16px \"Source Sans 3\"', 'Parliament')"), "the web font is loaded");
    }
}
