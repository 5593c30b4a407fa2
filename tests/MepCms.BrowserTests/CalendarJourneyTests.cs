using System.Globalization;
using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An editor moves through the calendar by keyboard, finds a scheduled statement and plans an idea about it.</summary>
[Collection(SiteCollection.Name)]
public sealed class CalendarJourneyTests(Site site)
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => day.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task An_editor_moves_to_next_month_by_keyboard_sees_a_scheduled_statement_and_plans_an_idea()
    {
        Chromium.SkipOrFailWhenMissing();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Brussels));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var nextMonth = thisMonth.AddMonths(1);
        var title = $"Calendar {Guid.NewGuid():N}"[..20];
        var statement = await ScheduleAsync(title, TimeZoneInfo.ConvertTimeToUtc(nextMonth.AddDays(9).ToDateTime(new TimeOnly(10, 0)), Brussels));
        // The page's own Content-Security-Policy applies: the arrow-key script must run under it.
        await using var context = await site.NewContextAsync(enforceCsp: true);
        var editor = await site.SignInAsync(context, Roles.Editor);

        await editor.GotoAsync("/admin/calendar");
        await Assertions.Expect(editor.Locator("[aria-current=date]")).ToHaveIdAsync($"day-{Iso(today)}");
        await TabToAsync(editor, editor.GetByRole(AriaRole.Link, new() { Name = "Next month →" }));
        await editor.Keyboard.PressAsync("Enter");

        await Assertions.Expect(editor.Locator(".calendar__heading")).ToHaveTextAsync(Month(nextMonth));
        await Assertions.Expect(editor.Locator(".calendar-event", new() { HasText = title })).ToContainTextAsync("10:00 Goes live:");

        // Into the grid by Tab, then between days by arrow key, and a month back and forth on the same day.
        var monday = nextMonth.AddDays(-(((int)nextMonth.DayOfWeek + 6) % 7));
        await TabToAsync(editor, editor.Locator($"#day-{Iso(monday)}"));
        await Assertions.Expect(editor.Locator("#calendar-help")).ToBeVisibleAsync();
        await editor.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(editor.Locator($"#day-{Iso(monday.AddDays(1))}")).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(editor.Locator($"#day-{Iso(monday.AddDays(8))}")).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("End");
        await Assertions.Expect(editor.Locator($"#day-{Iso(monday.AddDays(13))}")).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("Home");
        var focused = monday.AddDays(7);
        await Assertions.Expect(editor.Locator($"#day-{Iso(focused)}")).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("PageUp");
        await Assertions.Expect(editor.Locator(".calendar__heading")).ToHaveTextAsync(Month(thisMonth));
        var back = thisMonth.AddDays(Math.Min(focused.Day, DateTime.DaysInMonth(thisMonth.Year, thisMonth.Month)) - 1);
        await Assertions.Expect(editor.Locator($"#day-{Iso(back)}")).ToBeFocusedAsync();
        await editor.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(editor.Locator(".calendar__heading")).ToHaveTextAsync(Month(nextMonth));
        await Assertions.Expect(editor.Locator($"#day-{Iso(nextMonth.AddDays(back.Day - 1))}")).ToBeFocusedAsync();

        await editor.GetByLabel("What (e.g. “Reaction to the Council vote”)").FillAsync("Reaction to the plenary vote");
        await editor.GetByLabel("Day", new() { Exact = true }).FillAsync(Iso(nextMonth.AddDays(2)));
        await editor.GetByLabel("About a statement (optional)").SelectOptionAsync($"{statement}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Put it on the calendar" }).ClickAsync();

        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("was planned for");
        var idea = editor.Locator(".calendar-event--planned", new() { HasText = "Reaction to the plenary vote" });
        await Assertions.Expect(idea.GetByRole(AriaRole.Link, new() { Name = "About the statement " + title })).ToHaveAttributeAsync("href", $"/admin/articles/{statement}/edit");
    }

    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_month_and_the_week_have_no_serious_axe_violations_fit_the_screen_and_are_captured(int width)
    {
        Chromium.SkipOrFailWhenMissing();
        await using var context = await site.NewContextAsync(width);
        var editor = await site.SignInAsync(context, Roles.Contributor);

        foreach (var view in new[] { "month", "week" })
        {
            await editor.GotoAsync($"/admin/calendar?view={view}");
            Assert.Empty(await Axe.SeriousViolationsAsync(editor));
            var wide = await editor.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
            Assert.True(await editor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{view}: {wide}");
            await Screenshots.SaveAsync(editor, $"calendar-{view}-{width}");
        }
        // On a phone the month is a list: each day shows its name (elsewhere only read out).
        await editor.GotoAsync("/admin/calendar?view=month");
        var nameWidth = await editor.Locator("[aria-current=date] .calendar-month__long").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.True(width < 768 ? nameWidth > 40 : nameWidth <= 1, $"the day's name is {nameWidth}px wide");
    }

    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    private async Task<int> ScheduleAsync(string title, DateTime publishAtUtc)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var article = new Article
        {
            Title = title, Slug = title.ToLowerInvariant().Replace(' ', '-'), Lead = "A lead.", BodyMarkdown = "Text.", BodyHtml = "<p>Text.</p>",
            Status = ArticleStatus.Published, PublishAt = publishAtUtc, Place = "Brussels", CreatedAt = now, UpdatedAt = now,
            Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return article.Id;
    }
}
