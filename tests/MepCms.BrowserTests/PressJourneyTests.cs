using System.Text.RegularExpressions;
using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An editor builds a press list, sends a scheduled statement under embargo, and sees the journalist open it.</summary>
[Collection(SiteCollection.Name)]
public sealed class PressJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_editor_sends_a_scheduled_statement_under_embargo_and_sees_when_the_journalist_opened_it()
    {
        Chromium.SkipOrFailWhenMissing();
        var journalist = $"journalist-{Guid.NewGuid():N}@newsroom.example";
        var (articleId, title) = await ScheduledStatementAsync();
        await using var editorContext = await site.NewContextAsync();
        var editor = await site.SignInAsync(editorContext, Roles.Editor);

        await editor.GotoAsync("/admin/press-lists");
        var listName = $"Correspondents {Guid.NewGuid():N}"[..24];
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync(listName);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Create the list" }).ClickAsync();
        await editor.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Jana Journalist");
        await editor.GetByLabel("Outlet", new() { Exact = true }).FillAsync("Example Daily");
        await editor.GetByLabel("E-mail", new() { Exact = true }).FillAsync(journalist);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Jana Journalist was added.");
        Assert.Empty(await Axe.SeriousViolationsAsync(editor));

        await editor.GotoAsync($"/admin/articles/{articleId}/edit");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Send to the press…" }).ClickAsync();
        await editor.GetByLabel(new Regex(Regex.Escape(listName))).CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Send under embargo" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent under embargo to 1 journalist(s).");
        await Assertions.Expect(editor.Locator("tbody")).ToContainTextAsync("not opened");
        Assert.Empty(await Axe.SeriousViolationsAsync(editor));

        var message = await site.MessageToAsync(journalist);
        Assert.StartsWith("EMBARGOED until", message.Subject);
        var link = Mailbox.LinkIn(message, "/embargo?link=");
        await using var readerContext = await site.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(link);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync("personal to Jana Journalist (Example Daily)");

        await editor.ReloadAsync();
        await Assertions.Expect(editor.Locator("tbody")).Not.ToContainTextAsync("not opened");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Revoke the link of Jana Journalist" }).ClickAsync();
        await Assertions.Expect(editor.Locator("tbody")).ToContainTextAsync("Revoked");
        var revoked = await reader.GotoAsync(link);
        Assert.Equal(404, revoked!.Status);
    }

    private async Task<(int Id, string Title)> ScheduledStatementAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var title = $"Embargoed {Guid.NewGuid():N}"[..22];
        var now = DateTime.UtcNow;
        var article = new Article
        {
            Title = title, Slug = title.ToLowerInvariant().Replace(' ', '-'), Lead = "A lead under embargo.", BodyMarkdown = "The text.", BodyHtml = "<p>The text.</p>",
            Status = ArticleStatus.Published, PublishAt = now.AddDays(1), Place = "Brussels", CreatedAt = now, UpdatedAt = now,
            Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (article.Id, title);
    }
}
