using System.Globalization;
using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An editor moves through the calendar by keyboard, finds a scheduled statement and plans an idea.</summary>
[Collection(SiteCollection.Name)]
public sealed class CalendarJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_editor_moves_to_next_month_by_keyboard_sees_a_scheduled_statement_and_plans_an_idea()
    {
        Chromium.SkipOrFailWhenMissing();
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, brussels);
        var nextMonth = new DateTime(now.Year, now.Month, 1).AddMonths(1);
        var title = $"Calendar {Guid.NewGuid():N}"[..20];
        await ScheduleAsync(title, TimeZoneInfo.ConvertTimeToUtc(nextMonth.AddDays(9).AddHours(10), brussels));
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync("/admin/calendar");
        Assert.Empty(await Axe.SeriousViolationsAsync(editor));
        var next = editor.GetByRole(AriaRole.Link, new() { Name = "Next month →" });
        for (var i = 0; i < 40 && !await next.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await editor.Keyboard.PressAsync("Tab");
        }
        await editor.Keyboard.PressAsync("Enter");

        await Assertions.Expect(editor.Locator(".calendar__heading")).ToHaveTextAsync(nextMonth.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(editor.Locator(".calendar-event", new() { HasText = title })).ToContainTextAsync("10:00 Goes live:");

        await editor.GetByLabel("What (e.g. “Reaction to the Council vote”)").FillAsync("Reaction to the plenary vote");
        await editor.GetByLabel("Day", new() { Exact = true }).FillAsync(nextMonth.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Put it on the calendar" }).ClickAsync();

        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("was planned for");
        await Assertions.Expect(editor.Locator(".calendar-event--planned")).ToContainTextAsync("Reaction to the plenary vote");
        Assert.Empty(await Axe.SeriousViolationsAsync(editor));
        await editor.SetViewportSizeAsync(390, 800);
        var wide = await editor.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(await editor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), wide);
    }

    private async Task ScheduleAsync(string title, DateTime publishAtUtc)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var now = DateTime.UtcNow;
        db.Articles.Add(new Article
        {
            Title = title, Slug = title.ToLowerInvariant().Replace(' ', '-'), Lead = "A lead.", BodyMarkdown = "Text.", BodyHtml = "<p>Text.</p>",
            Status = ArticleStatus.Published, PublishAt = publishAtUtc, Place = "Brussels", CreatedAt = now, UpdatedAt = now,
            Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        });
        await db.SaveChangesAsync();
    }
}
