using MepCms.BrowserTests.Support;
using MepCms.Web.Features.Account;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>A press officer writes with the live preview and submits; an editor publishes, then unpublishes.</summary>
[Collection(SiteCollection.Name)]
public sealed class BackOfficeJourneyTests(Site site)
{
    [SkippableFact]
    public async Task A_press_officer_writes_with_the_live_preview_and_submits_then_an_editor_publishes_and_unpublishes()
    {
        Chromium.SkipOrFailWhenMissing();
        var title = $"Browser statement {Guid.NewGuid():N}"[..30];

        await using var officerContext = await site.NewContextAsync();
        var officer = await site.SignInAsync(officerContext, Roles.Contributor);
        await officer.GotoAsync("/admin/articles/new");
        await officer.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await officer.GetByLabel("Lead", new() { Exact = true }).FillAsync("A lead written in the browser.");
        await officer.Locator("select[name='AuthorIds[0]']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await officer.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
        await officer.Keyboard.TypeAsync("We **insist** on a vote.");
        await Assertions.Expect(officer.Locator("#body-preview strong")).ToHaveTextAsync("insist");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await officer.WaitForURLAsync("**/admin/articles/*/edit");
        var editUrl = new Uri(officer.Url).AbsolutePath;
        await officer.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(officer.Locator("[role=status]")).ToContainTextAsync("Submitted for review");

        await using var editorContext = await site.NewContextAsync();
        var editor = await site.SignInAsync(editorContext, Roles.Editor);
        await Assertions.Expect(editor.Locator(".admin-panel", new() { HasText = "Waiting for review" })).ToContainTextAsync(title);
        await editor.GotoAsync(editUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[role=status]")).ToHaveTextAsync("Published.");

        await editor.GotoAsync("/");
        await Assertions.Expect(editor.Locator(".article-card__title").First).ToHaveTextAsync(title);

        await editor.GotoAsync(editUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Unpublish", Exact = true }).ClickAsync();
        await editor.GotoAsync("/");
        await Assertions.Expect(editor.Locator(".article-card__title", new() { HasText = title })).ToHaveCountAsync(0);
    }
}
