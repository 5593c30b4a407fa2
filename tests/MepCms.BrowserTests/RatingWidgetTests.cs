using System.Globalization;
using System.Text.Json;
using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class RatingWidgetTests(Site site)
{
    [SkippableFact]
    public async Task With_javascript_a_reader_rates_and_the_average_updates_without_leaving_the_page()
    {
        await using var context = await site.NewContextAsync();
        var path = await StatementPathAsync(context, 1);
        var before = await RatingAsync(context, path);
        var page = await site.OpenAsync(context, path);
        var url = page.Url;

        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rate this article" }).ClickAsync();

        var status = page.Locator(".rating [role=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Thank you, your score of 4 has been saved.");
        var after = await RatingAsync(context, path);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(4, after.YourScore);
        Assert.Equal(after.Text, (await page.Locator(".rating__summary").InnerTextAsync()).Trim());
        Assert.Equal("Your score: 4", (await page.Locator(".rating__yours").InnerTextAsync()).Trim());
        Assert.Equal(url, page.Url);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".rating__yours")).ToHaveTextAsync("Your score: 4");
        Assert.True(await page.GetByLabel("4", new() { Exact = true }).IsCheckedAsync());
    }

    [SkippableFact]
    public async Task Without_javascript_the_form_comes_back_to_the_statement_with_the_new_average()
    {
        await using var context = await site.NewContextAsync();
        var path = await StatementPathAsync(context, 2);
        var before = await RatingAsync(context, path);
        await using var noScript = await site.NewContextAsync(javaScriptEnabled: false);
        var page = await site.OpenAsync(noScript, path);

        await page.GetByLabel("5", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rate this article" }).ClickAsync();

        await page.WaitForURLAsync($"**{path}?rated=1#rating");
        var after = await RatingAsync(context, path);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(after.Text, (await page.Locator(".rating__summary").InnerTextAsync()).Trim());
        Assert.Equal("Thank you, your score has been saved.", (await page.Locator(".rating [role=status]").InnerTextAsync()).Trim());
    }

    [SkippableFact]
    public async Task On_a_phone_the_current_figures_are_asked_for_only_when_the_widget_comes_near_the_screen()
    {
        await using var context = await site.NewContextAsync(width: 390, height: 640);
        var path = await StatementPathAsync(context, 0);
        var page = await context.NewPageAsync();
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/rating", StringComparison.Ordinal)) asked.Add(request.Method);
        };

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Empty(asked);

        var figures = page.WaitForResponseAsync(response => response.Url.EndsWith("/rating", StringComparison.Ordinal));
        await page.Locator(".rating").ScrollIntoViewIfNeededAsync();
        Assert.True((await figures).Ok);
        Assert.Equal(["GET"], asked);
        var expected = await RatingAsync(context, path);
        await Assertions.Expect(page.Locator(".rating__summary")).ToHaveTextAsync(expected.Text);
    }

    private sealed record Rating(double? Average, int Count, int? YourScore)
    {
        public string Text => Average is { } average
            ? string.Create(CultureInfo.InvariantCulture, $"The average score is {average:0.0} / 5 ({Count} {(Count == 1 ? "rating" : "ratings")})")
            : "No ratings yet";
    }

    private static async Task<Rating> RatingAsync(IBrowserContext context, string path)
    {
        var response = await context.APIRequest.GetAsync(path + "/rating");
        Assert.True(response.Ok, $"GET {path}/rating answered {response.Status}");
        return JsonSerializer.Deserialize<Rating>(await response.TextAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task<string> StatementPathAsync(IBrowserContext context, int index)
    {
        var home = await site.OpenAsync(context, "/");
        var path = (await home.Locator(".article-card__title a").Nth(index).GetAttributeAsync("href"))!;
        await home.CloseAsync();
        return path;
    }
}
