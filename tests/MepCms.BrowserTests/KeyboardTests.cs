using Microsoft.Playwright;
using MepCms.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace MepCms.BrowserTests;

/// <summary>A reader who uses the keyboard alone.</summary>
[Collection(SiteCollection.Name)]
public sealed class KeyboardTests(Site site)
{
    [SkippableFact]
    public async Task The_first_Tab_reaches_the_visible_skip_link_and_Enter_moves_focus_to_the_main_content()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");

        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.Locator(".skip-link");
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToHaveTextAsync("Skip to content");
        await Expect(skipLink).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        Assert.EndsWith("#main", page.Url);
    }

    [SkippableFact]
    public async Task Tabbing_reaches_a_statement_with_a_visible_focus_on_every_stop_and_Enter_opens_it()
    {
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");

        for (var stop = 0; stop < 40; stop++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusedElement>(DescribeFocus);
            Assert.True(focused.Outlined, $"Tab stop {stop + 1} ({focused.Text}) shows no focus outline");
            if (focused.IsStatementLink)
            {
                // Wait for the navigation from before the key press, so a fast one cannot be missed.
                await Task.WhenAll(
                    page.WaitForURLAsync("**/articles/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded }),
                    page.Keyboard.PressAsync("Enter"));
                Assert.Equal(focused.Text, (await page.Locator("h1").InnerTextAsync()).Trim());
                return;
            }
        }
        Assert.Fail("No statement link within 40 Tab stops of the home page");
    }

    private const string DescribeFocus = """
        () => {
          const element = document.activeElement;
          const style = getComputedStyle(element);
          return {
            text: element.textContent.trim(),
            outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            isStatementLink: element.matches('.article-card__title a'),
          };
        }
        """;

    private sealed class FocusedElement
    {
        public string Text { get; set; } = "";
        public bool Outlined { get; set; }
        public bool IsStatementLink { get; set; }
    }
}
