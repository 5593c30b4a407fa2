using System.Text.RegularExpressions;
using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>A reader moves to another language with the switcher, with the keyboard, and stays in it.</summary>
[Collection(SiteCollection.Name)]
public sealed class LanguageJourneyTests(Site site)
{
    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task A_reader_switches_to_french_with_the_keyboard_and_the_french_pages_speak_french_and_pass_axe(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await site.OpenAsync(context, "/");

        var summary = page.Locator(".language-switcher summary");
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Empty(await Axe.SeriousViolationsAsync(page)); // the open list too
        var french = page.Locator(".language-switcher a[hreflang=fr]");
        await french.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/$"));

        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Aller au contenu", (await page.Locator(".skip-link").TextContentAsync())?.Trim());
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        var statement = page.Locator(".article-card__title a").First;
        Assert.StartsWith("/fr/articles/", await statement.GetAttributeAsync("href"));
        await statement.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/articles/[^/]+$"));
        await Assertions.Expect(page.Locator(".rating__question")).ToHaveTextAsync("Dans quelle mesure cet article vous a-t-il été utile\u202F?");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }
}
