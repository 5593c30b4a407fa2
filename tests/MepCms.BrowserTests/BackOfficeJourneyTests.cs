using MepCms.BrowserTests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>A press officer writes with the live preview and submits; an editor publishes, then unpublishes.</summary>
[Collection(SiteCollection.Name)]
public sealed class BackOfficeJourneyTests(Site site)
{
    private const string Password = "a long enough staff password";

    private async Task<string> CreateStaffAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.test";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string role)
    {
        var email = await CreateStaffAsync(role);
        var page = await site.OpenAsync(context, "/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        return page;
    }

    [SkippableFact]
    public async Task A_press_officer_writes_with_the_live_preview_and_submits_then_an_editor_publishes_and_unpublishes()
    {
        Chromium.SkipOrFailWhenMissing();
        var title = $"Browser statement {Guid.NewGuid():N}"[..30];

        await using var officerContext = await site.NewContextAsync();
        var officer = await SignInAsync(officerContext, Roles.Contributor);
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
        var editor = await SignInAsync(editorContext, Roles.Editor);
        await Assertions.Expect(editor.Locator(".admin-panel", new() { HasText = "Waiting for review" })).ToContainTextAsync(title);
        await editor.GotoAsync(editUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(editor.Locator("[role=status]")).ToHaveTextAsync("Published.");

        await editor.GotoAsync("/");
        await Assertions.Expect(editor.Locator(".article-card__title").First).ToHaveTextAsync(title);

        await editor.GotoAsync(editUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Unpublish" }).ClickAsync();
        await editor.GotoAsync("/");
        await Assertions.Expect(editor.Locator(".article-card__title", new() { HasText = title })).ToHaveCountAsync(0);
    }
}
