using System.Text.RegularExpressions;
using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>
/// A reader moves to another language with the switcher, with the keyboard, and stays in it; a
/// reader rates a statement's Dutch version and the English one shows it; a translator makes and
/// publishes a French version.
/// </summary>
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

    [SkippableFact]
    public async Task A_reader_switches_a_statement_to_dutch_rates_it_there_and_back_in_english_sees_the_new_count()
    {
        Chromium.SkipOrFailWhenMissing();
        var (english, dutch) = await StatementInTwoLanguagesAsync();
        await using var context = await site.NewContextAsync(390);
        var page = await site.OpenAsync(context, $"/articles/{english}");
        await Assertions.Expect(page.Locator(".rating__summary")).ToHaveTextAsync("No ratings yet");

        await page.Locator(".language-switcher summary").ClickAsync();
        await page.Locator(".language-switcher a[hreflang=nl]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/nl/articles/{dutch}$"));
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeel dit artikel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".rating__summary")).ToHaveTextAsync("De gemiddelde score is 4,0 / 5 (1 beoordeling)");
        await page.Locator(".language-switcher summary").ClickAsync();
        await page.Locator(".language-switcher a[hreflang=en]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/articles/{english}$"));
        await Assertions.Expect(page.Locator(".rating__summary")).ToHaveTextAsync("The average score is 4.0 / 5 (1 rating)");
        Assert.Equal("Your score: 4", (await page.Locator(".rating__yours").InnerTextAsync()).Trim());
    }

    [SkippableFact]
    public async Task A_greek_page_speaks_greek_and_passes_axe()
    {
        Chromium.SkipOrFailWhenMissing();
        await using var context = await site.NewContextAsync(390);
        var page = await site.OpenAsync(context, "/el/");

        Assert.Equal("el", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.GotoAsync("/el/search?q=%CE%B5%CE%BD%CE%AD%CF%81%CE%B3%CE%B5%CE%B9%CE%B1");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    [SkippableFact]
    public async Task A_translator_creates_the_french_version_beside_the_source_and_publishes_it()
    {
        Chromium.SkipOrFailWhenMissing();
        var (english, _) = await StatementInTwoLanguagesAsync();
        int id;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<MepCmsDbContext>().Articles.Where(a => a.Slug == english).Select(a => a.Id).SingleAsync();
        }
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync($"/admin/articles/{id}/edit");
        await editor.GetByLabel("Translate into").SelectOptionAsync("fr");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Start the translation" }).ClickAsync();
        await Assertions.Expect(editor.Locator("#translations [role=status]")).ToContainTextAsync("was created as a draft");
        await Assertions.Expect(editor.Locator(".admin-translate__source")).ToContainTextAsync("Source: the version in English");
        Assert.Empty(await Axe.SeriousViolationsAsync(editor));
        var frenchTitle = "Réseaux électriques : investir dans les interconnexions " + Guid.NewGuid().ToString("N")[..6];
        await editor.Locator("#Title").FillAsync(frenchTitle);
        await editor.Locator("#Slug").FillAsync("");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your changes were saved.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".translations__versions tr[aria-current]")).ToContainTextAsync("Published");

        var reader = await context.NewPageAsync();
        await reader.GotoAsync($"/articles/{english}");
        await reader.Locator(".language-switcher summary").ClickAsync();
        await reader.Locator(".language-switcher a[hreflang=fr]").ClickAsync();
        await Assertions.Expect(reader).ToHaveURLAsync(new Regex("/fr/articles/reseaux-electriques-investir-dans-les-interconnexions-[a-z0-9-]+$"));
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync(frenchTitle);
    }

    /// <summary>A published statement with a published Dutch version; their slugs.</summary>
    private async Task<(string English, string Dutch)> StatementInTwoLanguagesAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var key = Guid.NewGuid().ToString("N")[..8];
        var now = DateTime.UtcNow.AddMinutes(-5);
        Article Version(string language, string title, string slug, string body) => new()
        {
            Title = title, Slug = slug, Lead = title + ".", BodyMarkdown = body, BodyHtml = $"<p>{body}</p>", Language = language,
            Status = ArticleStatus.Published, PublishAt = now, WentLiveAt = now, Place = "Brussels", CreatedAt = now, UpdatedAt = now,
            Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        };
        var english = Version("en", $"Grid investment {key}", $"grid-investment-{key}", "Interconnectors first.");
        db.Articles.Add(english);
        await db.SaveChangesAsync();
        var dutch = Version("nl", $"Netinvesteringen {key}", $"netinvesteringen-{key}", "Eerst de interconnectoren.");
        (dutch.StatementId, dutch.TranslationOfId) = (english.StatementId, english.Id);
        db.Articles.Add(dutch);
        await db.SaveChangesAsync();
        return (english.Slug, dutch.Slug);
    }
}
