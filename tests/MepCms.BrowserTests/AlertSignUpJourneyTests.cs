using MepCms.BrowserTests.Support;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>A reader signs up for e-mail alerts, confirms from the message received, and changes what they follow.</summary>
[Collection(SiteCollection.Name)]
public sealed class AlertSignUpJourneyTests(Site site)
{
    [SkippableFact]
    public async Task A_reader_subscribes_confirms_from_the_message_and_changes_their_choices()
    {
        Chromium.SkipOrFailWhenMissing();
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        await using var context = await site.NewContextAsync();
        var page = await site.OpenAsync(context, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "E-mail alerts" }).ClickAsync();
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");

        var confirmation = await site.MessageToAsync(email);
        var link = Mailbox.LinkIn(confirmation, "/subscribe/confirm");
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my e-mail alerts" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your e-mail alerts are on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Choose what you receive" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Manage your e-mail alerts");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        var firstMep = page.Locator("input[name=Meps]").First;
        await firstMep.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your choices are saved");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change them again" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name=Meps]:checked")).ToHaveCountAsync(1);
    }
}
