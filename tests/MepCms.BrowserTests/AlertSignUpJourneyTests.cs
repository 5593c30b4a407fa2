using System.Text.RegularExpressions;
using MepCms.BrowserTests.Support;
using Microsoft.Playwright;
using MimeKit;

namespace MepCms.BrowserTests;

/// <summary>A reader signs up for e-mail alerts, confirms from the message received, and changes what they follow.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class AlertSignUpJourneyTests(Site site)
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

        var confirmation = await MessageToAsync(email);
        var link = Link().Matches(confirmation.TextBody ?? "").Select(m => m.Value).First(l => l.Contains("/subscribe/confirm", StringComparison.Ordinal));
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

    // The sender writes the message within moments of the sign-up (it is woken by it).
    private async Task<MimeMessage> MessageToAsync(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Directory.Exists(site.MailFolder))
            {
                foreach (var file in Directory.GetFiles(site.MailFolder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == email))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No message to {email} in {site.MailFolder}.");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
