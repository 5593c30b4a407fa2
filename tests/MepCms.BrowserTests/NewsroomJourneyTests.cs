using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An editor corrects a live statement, schedules new text for it, and gets back what a closed page had typed.</summary>
[Collection(SiteCollection.Name)]
public sealed class NewsroomJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_editor_corrects_a_live_statement_and_readers_see_the_dated_note()
    {
        Chromium.SkipOrFailWhenMissing();
        var (id, slug) = await StatementAsync(ArticleStatus.Published, "The vote is on Monday.");
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync($"/admin/articles/{id}/edit");
        await TypeAtTheEndAsync(editor, " The vote is on Tuesday.");
        await editor.GetByRole(AriaRole.Radio, new() { Name = "Correction", Exact = false }).CheckAsync();
        await editor.GetByLabel("Note for readers (a correction or update)").FillAsync("The vote takes place on Tuesday, not Monday.");
        AssertAccessible(await Axe.SeriousViolationsAsync(editor));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes were saved.");

        var reader = await context.NewPageAsync();
        await reader.GotoAsync($"/articles/{slug}");
        await Assertions.Expect(reader.Locator("#corrections")).ToContainTextAsync("The vote takes place on Tuesday, not Monday.");
        await Assertions.Expect(reader.Locator("#corrections li")).ToContainTextAsync("Corrected on");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Corrected", Exact = false }).ClickAsync();
        Assert.EndsWith("#corrections", reader.Url);
    }

    [SkippableFact]
    public async Task An_editor_schedules_new_text_sees_the_diff_and_it_replaces_the_live_text_at_its_minute()
    {
        Chromium.SkipOrFailWhenMissing();
        var (id, slug) = await StatementAsync(ArticleStatus.Published, "We will vote in favour.");
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync($"/admin/articles/{id}/edit");
        await TypeAtTheEndAsync(editor, " Result: 412 votes to 201.");
        await editor.GetByRole(AriaRole.Radio, new() { Name = "Update", Exact = false }).CheckAsync();
        await editor.GetByLabel("Note for readers (a correction or update)").FillAsync("Added the result of the vote.");
        var tomorrow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        await editor.GetByLabel("Replace the live text at (Brussels time)").FillAsync(tomorrow.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Schedule this text" }).ClickAsync();

        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("The new text will replace the live one at");
        await Assertions.Expect(editor.Locator("#scheduled-update .diff__line--inserted")).ToContainTextAsync("412 votes to 201");
        AssertAccessible(await Axe.SeriousViolationsAsync(editor));
        var reader = await context.NewPageAsync();
        await reader.GotoAsync($"/articles/{slug}");
        await Assertions.Expect(reader.Locator(".statement__body")).Not.ToContainTextAsync("412 votes");

        // Its minute comes (moved to now) and the go-live pass is woken, as at any minute.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MepCmsDbContext>().ScheduledUpdates.Where(u => u.ArticleId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.At, DateTime.UtcNow.AddSeconds(-1)));
        }
        site.Services.GetRequiredService<GoLiveSignal>().Wake();
        await ReloadUntilAsync(reader, async () => (await reader.Locator(".statement__body").TextContentAsync() ?? "").Contains("412 votes to 201"), TimeSpan.FromSeconds(20));
        await Assertions.Expect(reader.Locator("#corrections li")).ToContainTextAsync("Updated on");
        await editor.ReloadAsync();
        await Assertions.Expect(editor.Locator("#scheduled-update")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task What_was_typed_before_the_page_was_left_is_offered_back_and_restored()
    {
        Chromium.SkipOrFailWhenMissing();
        var (id, _) = await StatementAsync(ArticleStatus.Draft, "Saved words.");
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync($"/admin/articles/{id}/edit");
        await TypeAtTheEndAsync(editor, " A paragraph never saved.");
        await editor.GotoAsync("/admin"); // leaving the page sends the copy
        await editor.GotoAsync($"/admin/articles/{id}/edit");

        await ReloadUntilAsync(editor, async () => await editor.Locator("#autosave-offer").CountAsync() == 1, TimeSpan.FromSeconds(10));
        AssertAccessible(await Axe.SeriousViolationsAsync(editor));
        await editor.GetByText("Show the difference from the saved text").ClickAsync();
        await Assertions.Expect(editor.Locator("#autosave-offer .diff__line--inserted")).ToContainTextAsync("A paragraph never saved.");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Restore my changes" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your autosaved changes are in the form below");
        Assert.Contains("A paragraph never saved.", await editor.Locator("#BodyMarkdown").InputValueAsync());
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes were saved.");
        await Assertions.Expect(editor.Locator("#autosave-offer")).ToHaveCountAsync(0);
    }

    private static void AssertAccessible(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, string.Join("\n", violations));

    /// <summary>Reloads until the condition holds (the server's background pass, or a beacon, arrives a moment later).</summary>
    private static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Still not there after {timeout.TotalSeconds} s: {page.Url}");
            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }

    private static async Task TypeAtTheEndAsync(IPage page, string text)
    {
        await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(text);
    }

    private async Task<(int Id, string Slug)> StatementAsync(ArticleStatus status, string body)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var slug = $"newsroom-{Guid.NewGuid():N}"[..24];
        var now = DateTime.UtcNow;
        var article = new Article
        {
            Title = $"Newsroom {slug[9..]}", Slug = slug, Lead = "A lead for the newsroom.", BodyMarkdown = body, BodyHtml = $"<p>{body}</p>",
            Status = status, PublishAt = status == ArticleStatus.Draft ? null : now.AddMinutes(-5), WentLiveAt = status == ArticleStatus.Draft ? null : now.AddMinutes(-5),
            Place = "Brussels", CreatedAt = now, UpdatedAt = now, Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (article.Id, slug);
    }
}
