using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Settings;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An admin gives the site the office's colours and contact; a colour readers could not read is refused.</summary>
[Collection(SiteCollection.Name)]
public sealed class BrandJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_admin_sets_the_offices_colours_and_press_contact_and_readers_see_them()
    {
        Chromium.SkipOrFailWhenMissing();
        try
        {
            await using var context = await site.NewContextAsync();
            var admin = await site.SignInAsync(context, Roles.Admin);
            await admin.GotoAsync("/admin/settings");
            Assert.Empty(await Axe.SeriousViolationsAsync(admin));

            await admin.GetByLabel("Accent colour", new() { Exact = false }).FillAsync("#ff6666");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save the settings" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs at least 4.5:1");

            await admin.GetByLabel("Accent colour", new() { Exact = false }).FillAsync("#9a3412");
            await admin.GetByLabel("Brand colour", new() { Exact = false }).FillAsync("#1f4e3d");
            await admin.GetByLabel("Press e-mail").FillAsync("press@office.example.eu");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save the settings" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The settings were saved");

            await using var readerContext = await site.NewContextAsync();
            var reader = await site.OpenAsync(readerContext, "/");
            Assert.Equal("rgb(31, 78, 61)", await reader.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"));
            await Assertions.Expect(reader.Locator("footer a[href='mailto:press@office.example.eu']")).ToBeVisibleAsync();
            Assert.Empty(await Axe.SeriousViolationsAsync(reader));
        }
        finally
        {
            // The other journeys share this site: give it back its built-in identity.
            await using var scope = site.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MepCmsDbContext>().SiteSettings.ExecuteDeleteAsync();
            site.Services.GetRequiredService<SiteIdentity>().Forget();
            await site.Services.GetRequiredService<IPublicCache>().EvictAllAsync();
        }
    }
}
