using System.Net;
using AngleSharp.Dom;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

/// <summary>The editorial calendar puts every coming change and planned idea on its Brussels day.</summary>
public sealed class CalendarTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static readonly DateTime Utc = new(2026, 6, 10, 10, 0, 0, DateTimeKind.Utc); // the factory's clock: Wednesday 12:00 in Brussels

    private static IElement DayCell(IDocument page, string isoDay) =>
        page.QuerySelectorAll("td.calendar-month__day").Single(td => td.QuerySelector("a.calendar-month__date")!.GetAttribute("href")!.EndsWith("date=" + isoDay, StringComparison.Ordinal));

    private static IElement WeekDay(IDocument page, string isoDay) =>
        page.QuerySelectorAll("li.calendar-week__day").Single(li => li.QuerySelector("time")!.GetAttribute("datetime") == isoDay);

    [Fact]
    public async Task The_month_shows_every_kind_of_change_on_its_brussels_day()
    {
        var goLive = await app.SaveAsync(TestData.Article(app, title: "Goes live Friday morning", publishAt: new DateTimeOffset(2026, 6, 12, 7, 0, 0, TimeSpan.Zero)));
        var lateUtc = await app.SaveAsync(TestData.Article(app, title: "Just after midnight in Brussels", publishAt: new DateTimeOffset(2026, 6, 14, 22, 30, 0, TimeSpan.Zero)));
        var expiring = TestData.Article(app, title: "Leaves on the 20th");
        expiring.UnpublishAt = new DateTime(2026, 6, 20, 16, 0, 0, DateTimeKind.Utc);
        var pinned = TestData.Article(app, title: "Pinned until the 18th");
        (pinned.PinnedAt, pinned.PinnedUntil) = (Utc, new DateTime(2026, 6, 18, 8, 0, 0, DateTimeKind.Utc));
        await app.SaveAsync(expiring);
        await app.SaveAsync(pinned);
        var updated = await app.SaveAsync(TestData.Article(app, title: "Text replaced on the 16th"));
        var embargoed = await app.SaveAsync(TestData.Article(app, title: "Under embargo until the 22nd", publishAt: new DateTimeOffset(2026, 6, 22, 5, 0, 0, TimeSpan.Zero)));
        await app.WithDbAsync(async db =>
        {
            db.ScheduledUpdates.Add(new ScheduledUpdate { ArticleId = updated.Id, Title = "New", Lead = "New", BodyMarkdown = "New", BodyHtml = "<p>New</p>", At = new DateTime(2026, 6, 16, 12, 0, 0, DateTimeKind.Utc), CreatedByName = "x" });
            db.PressRecipients.Add(new PressRecipient
            {
                ArticleId = embargoed.Id, Name = "J", Outlet = "O", Email = "j@example.org", EmailKey = "j@example.org", CreatedAt = Utc,
                Messages = [new PressMessage { Kind = PressMessageKind.Embargo, CreatedAt = Utc, NextAttemptAt = Utc }],
            });
            await db.SaveChangesAsync();
        });
        var editor = await app.SignedInAsync(Roles.Editor);

        var page = await editor.Client.GetDocumentAsync("/admin/calendar?view=month&date=2026-06");

        Assert.Equal("June 2026", page.QuerySelector(".calendar__heading")!.TextContent);
        Assert.Equal("date", DayCell(page, "2026-06-10").QuerySelector("a.calendar-month__date")!.GetAttribute("aria-current"));
        Assert.Contains("09:00 Goes live: Goes live Friday morning", DayCell(page, "2026-06-12").TextContent);
        Assert.Contains("00:30 Goes live: Just after midnight in Brussels", DayCell(page, "2026-06-15").TextContent);
        Assert.DoesNotContain("Just after midnight", DayCell(page, "2026-06-14").TextContent);
        Assert.Contains("18:00 Leaves the site: Leaves on the 20th", DayCell(page, "2026-06-20").TextContent);
        Assert.Contains("10:00 Pin ends: Pinned until the 18th", DayCell(page, "2026-06-18").TextContent);
        Assert.Contains("14:00 Text update: Text replaced on the 16th", DayCell(page, "2026-06-16").TextContent);
        Assert.Contains("07:00 Embargo lifts: Under embargo until the 22nd", DayCell(page, "2026-06-22").TextContent);
        Assert.Equal($"/admin/articles/{goLive.Id}/edit", DayCell(page, "2026-06-12").QuerySelector("a[href*='/articles/']")!.GetAttribute("href"));
        Assert.Equal(5, page.QuerySelectorAll("tbody tr").Length); // 1 June is a Monday: five weeks, Monday first
        Assert.Equal("W23", page.QuerySelector("tbody th a")!.FirstChild!.TextContent);
        Assert.Contains(lateUtc.Title, (await editor.Client.GetStringAsync("/admin/calendar?view=week&date=2026-06-15")));
    }

    [Fact]
    public async Task Gone_live_drafts_with_a_time_and_embargo_links_are_marked_as_such()
    {
        var gone = await app.SaveAsync(TestData.Article(app, title: "Went live on the 3rd", publishAt: new DateTimeOffset(2026, 6, 3, 8, 0, 0, TimeSpan.Zero)));
        var draft = TestData.Article(app, title: "Draft meant for the 23rd", status: ArticleStatus.Draft);
        draft.PublishAt = new DateTime(2026, 6, 23, 9, 0, 0, DateTimeKind.Utc);
        await app.SaveAsync(draft);
        await app.SaveAsync(TestData.Article(app, title: "In review for the 23rd", status: ArticleStatus.InReview, publishAt: new DateTimeOffset(2026, 6, 23, 10, 0, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "A draft with no time", status: ArticleStatus.Draft));
        var linked = await app.SaveAsync(TestData.Article(app, title: "Link handed out for the 26th", publishAt: new DateTimeOffset(2026, 6, 26, 6, 0, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Nobody has it before the 26th", publishAt: new DateTimeOffset(2026, 6, 26, 7, 0, 0, TimeSpan.Zero)));
        var editor = await app.SignedInAsync(Roles.Editor);
        var handedOut = await editor.Client.PostFormAsync($"/admin/articles/{linked.Id}/edit", $"/admin/articles/{linked.Id}/embargo", []);

        var page = await editor.Client.GetDocumentAsync("/admin/calendar?view=month&date=2026-06-10");

        Assert.Equal(HttpStatusCode.OK, handedOut.StatusCode);
        var third = DayCell(page, "2026-06-03");
        Assert.Contains("10:00 Went live: Went live on the 3rd", third.TextContent);
        Assert.Equal($"/admin/articles/{gone.Id}/edit", third.QuerySelector(".calendar-event--wentlive a")!.GetAttribute("href"));
        Assert.Contains("11:00 Draft, to go live: Draft meant for the 23rd", DayCell(page, "2026-06-23").TextContent);
        Assert.Contains("12:00 In review, to go live: In review for the 23rd", DayCell(page, "2026-06-23").TextContent);
        Assert.DoesNotContain("A draft with no time", page.QuerySelector("table")!.TextContent);
        var twentySixth = DayCell(page, "2026-06-26");
        Assert.Equal(["Goes live: Link handed out for the 26th", "Embargo lifts: Link handed out for the 26th", "Goes live: Nobody has it before the 26th"],
            twentySixth.QuerySelectorAll(".calendar-event a").Select(a => a.TextContent[6..]));
        Assert.Equal($"/admin/articles/{linked.Id}/edit", twentySixth.QuerySelector(".calendar-event--embargolifts a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_week_across_the_october_clock_change_puts_each_time_on_its_day()
    {
        await app.SaveAsync(TestData.Article(app, title: "Summer time, Sunday 00:30", publishAt: new DateTimeOffset(2026, 10, 24, 22, 30, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Winter time, Sunday 23:59", publishAt: new DateTimeOffset(2026, 10, 25, 22, 59, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Winter time, Monday 00:00", publishAt: new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero)));
        var editor = await app.SignedInAsync(Roles.Editor);

        var week = await editor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-10-21");
        var next = await editor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-10-26");

        Assert.StartsWith("Week 43: 19 October", week.QuerySelector(".calendar__heading")!.TextContent);
        var sunday = WeekDay(week, "2026-10-25").TextContent;
        Assert.Contains("00:30 Goes live: Summer time, Sunday 00:30", sunday);
        Assert.Contains("23:59 Goes live: Winter time, Sunday 23:59", sunday);
        Assert.DoesNotContain("Monday 00:00", week.QuerySelector(".calendar-week")!.TextContent);
        Assert.Contains("00:00 Goes live: Winter time, Monday 00:00", WeekDay(next, "2026-10-26").TextContent);
    }

    [Fact]
    public async Task A_week_across_the_march_clock_change_puts_each_time_on_its_day()
    {
        await app.SaveAsync(TestData.Article(app, title: "Winter time, Sunday 00:30", publishAt: new DateTimeOffset(2027, 3, 27, 23, 30, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Winter time, Sunday 01:59", publishAt: new DateTimeOffset(2027, 3, 28, 0, 59, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Summer time, Sunday 03:00", publishAt: new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Summer time, Sunday 23:59", publishAt: new DateTimeOffset(2027, 3, 28, 21, 59, 0, TimeSpan.Zero)));
        await app.SaveAsync(TestData.Article(app, title: "Summer time, Monday 00:00", publishAt: new DateTimeOffset(2027, 3, 28, 22, 0, 0, TimeSpan.Zero)));
        var editor = await app.SignedInAsync(Roles.Editor);

        var week = await editor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2027-03-28");
        var next = await editor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2027-03-29");

        Assert.StartsWith("Week 12: 22 March", week.QuerySelector(".calendar__heading")!.TextContent);
        var sunday = WeekDay(week, "2027-03-28");
        Assert.Equal(["00:30", "01:59", "03:00", "23:59"], sunday.QuerySelectorAll(".calendar-event__time").Select(t => t.TextContent));
        Assert.DoesNotContain("Monday 00:00", week.QuerySelector(".calendar-week")!.TextContent);
        Assert.Contains("00:00 Goes live: Summer time, Monday 00:00", WeekDay(next, "2027-03-29").TextContent);
    }

    [Fact]
    public async Task The_month_is_a_table_of_linked_days_and_the_week_a_list_each_day_with_a_link_to_plan()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var month = await contributor.Client.GetDocumentAsync("/admin/calendar?view=month&date=2026-11");
        var week = await contributor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-06-10");

        var table = month.QuerySelector("table.calendar-month")!;
        Assert.StartsWith("November 2026, Monday to Sunday", table.QuerySelector("caption")!.TextContent);
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(table.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.Equal(["W44", "W45", "W46", "W47", "W48", "W49"], table.QuerySelectorAll("tbody th a").Select(a => a.FirstChild!.TextContent));
        Assert.Equal(42, table.QuerySelectorAll("td a.calendar-month__date[data-day]").Length); // 26 October to 6 December
        Assert.Equal("Sunday 1 November", DayCell(month, "2026-11-01").QuerySelector(".calendar-month__long")!.TextContent);
        Assert.Empty(month.QuerySelectorAll("[aria-current=date]")); // today is in June
        Assert.Equal("/admin/calendar?view=month&date=2026-12-01", month.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/admin/calendar?view=month&date=2026-10-01", month.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.NotNull(month.QuerySelector("script[src^='/js/admin-calendar.js']"));
        var plan = WeekDay(week, "2026-06-12").QuerySelector("a.calendar-week__plan")!;
        Assert.Equal("/admin/calendar?view=week&date=2026-06-12#plan-title", plan.GetAttribute("href"));
        Assert.Equal("Plan an idea on Friday 12 June", plan.TextContent);
        Assert.Equal("date", WeekDay(week, "2026-06-10").QuerySelector("time")!.GetAttribute("aria-current"));
        Assert.Equal("2026-06-12", (await contributor.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-06-12")).QuerySelector("#Day")!.GetAttribute("value"));
        var script = await contributor.Client.GetAsync("/js/admin-calendar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("calendar-days", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_plan_ideas_their_authors_and_editors_change_them_and_every_change_is_audited()
    {
        var author = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);

        var planned = await author.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned",
            new() { ["Title"] = "Reaction to the Council vote", ["Day"] = "2026-06-24", ["Time"] = "09:30", ["Note"] = "Check the final text" });
        var entry = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Title == "Reaction to the Council vote"));
        var month = await author.Client.GetDocumentAsync("/admin/calendar?date=2026-06-01");
        var byOther = await other.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}", new() { ["Title"] = "Taken", ["Day"] = "2026-06-25" });
        var deleteByOther = await other.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}/delete", []);
        var moved = await editor.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}", new() { ["Title"] = "Reaction to the Council vote", ["Day"] = "2026-06-25", ["Time"] = "" });
        var deleted = await author.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        Assert.Contains("09:30 Planned: Reaction to the Council vote", DayCell(month, "2026-06-24").TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PlannedEntries.AnyAsync(p => p.Id == entry.Id)));
        Assert.Equal([AuditActions.CalendarEntryPlanned, AuditActions.CalendarEntryChanged, AuditActions.CalendarEntryDeleted], await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.EntityType == "PlannedEntry" && e.EntityId == entry.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
    }

    [Theory]
    [InlineData("?date=garbage")]
    [InlineData("?view=year")]
    [InlineData("?date=1999-12-31")]
    [InlineData("?date=2026-13")]
    [InlineData("?view=week&date=2101-01-01")]
    public async Task A_calendar_address_that_means_nothing_is_a_400(string query)
    {
        var editor = await app.SignedInAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Client.GetAsync("/admin/calendar" + query)).StatusCode);
    }

    [Theory]
    [InlineData("", "2026-06-24", "Give the idea a title.")]
    [InlineData("An idea", "", "Choose the day.")]
    [InlineData("An idea", "2200-01-01", "between 2000 and 2100")]
    [InlineData("An idea", "not-a-day", "")]
    public async Task A_planned_idea_without_a_title_or_a_real_day_is_refused(string title, string day, string message)
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var before = await app.WithDbAsync(db => db.PlannedEntries.CountAsync());

        var response = await editor.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned", new() { ["Title"] = title, ["Day"] = day });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, body);
        Assert.DoesNotContain("<li></li>", body);
        Assert.Equal(before, await app.WithDbAsync(db => db.PlannedEntries.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/admin/calendar/planned/999999")).StatusCode);
    }
}
