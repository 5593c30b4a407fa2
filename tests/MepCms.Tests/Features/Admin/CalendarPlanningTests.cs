using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

/// <summary>Planned ideas: about a statement or not, shown with their note, refused with a reason when they cannot be stored.</summary>
public sealed class CalendarPlanningTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task An_idea_about_a_draft_links_to_it_and_stays_when_the_draft_is_deleted()
    {
        var draft = await app.SaveAsync(TestData.Article(app, title: "Draft on the fisheries vote", status: ArticleStatus.Draft));
        var author = await app.SignedInAsync(Roles.Contributor);

        var planned = await author.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned", new()
        {
            ["Title"] = "Fisheries vote reaction", ["Day"] = "2026-07-07", ["Time"] = "11:00", ["ArticleId"] = $"{draft.Id}", ["Note"] = "Quote from the rapporteur\nand a photo",
        });
        var entry = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Title == "Fisheries vote reaction"));
        var form = await author.Client.GetDocumentAsync("/admin/calendar?view=month&date=2026-07");
        var week = await author.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-07-07");
        var page = await author.Client.GetDocumentAsync($"/admin/calendar/planned/{entry.Id}");
        await app.WithDbAsync(async db => { db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == draft.Id)); await db.SaveChangesAsync(); });
        var afterDelete = await author.Client.GetDocumentAsync("/admin/calendar?view=week&date=2026-07-07");

        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        Assert.Equal(draft.Id, entry.ArticleId);
        Assert.Contains(form.QuerySelectorAll("#ArticleId option"), o => o.GetAttribute("value") == $"{draft.Id}" && o.TextContent == "Draft on the fisheries vote (draft)");
        var idea = week.QuerySelector(".calendar-event--planned")!;
        Assert.Equal($"/admin/calendar/planned/{entry.Id}", idea.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/admin/articles/{draft.Id}/edit", idea.QuerySelector("a.calendar-event__statement")!.GetAttribute("href"));
        Assert.Equal("About the statement Draft on the fisheries vote", idea.QuerySelector("a.calendar-event__statement")!.TextContent);
        Assert.Equal("Quote from the rapporteur\nand a photo", idea.QuerySelector(".calendar-event__note")!.TextContent);
        Assert.Equal($"{draft.Id}", page.QuerySelector("#ArticleId option[selected]")!.GetAttribute("value"));
        Assert.Contains("About the statement Draft on the fisheries vote", page.QuerySelector("main")!.TextContent);
        Assert.Null(await app.WithDbAsync(db => db.PlannedEntries.Where(p => p.Id == entry.Id).Select(p => p.ArticleId).SingleAsync()));
        Assert.Contains("11:00 Planned: Fisheries vote reaction", afterDelete.QuerySelector(".calendar-event--planned")!.TextContent);
        Assert.Null(afterDelete.QuerySelector(".calendar-event__statement"));
        Assert.Equal($"7 July 2026, 11:00: Fisheries vote reaction (statement {draft.Id})", await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Action == AuditActions.CalendarEntryPlanned && e.EntityId == entry.Id.ToString()).Select(e => e.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Someone_elses_idea_is_shown_to_read_and_its_author_or_an_editor_may_link_it_to_another_statement()
    {
        var first = await app.SaveAsync(TestData.Article(app, title: "First statement"));
        var second = await app.SaveAsync(TestData.Article(app, title: "Second statement"));
        var author = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);
        await author.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned", new() { ["Title"] = "Follow-up interview", ["Day"] = "2026-07-09", ["ArticleId"] = $"{first.Id}" });
        var entry = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Title == "Follow-up interview"));

        var read = await other.Client.GetDocumentAsync($"/admin/calendar/planned/{entry.Id}");
        var changed = await editor.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}",
            new() { ["Title"] = "Follow-up interview", ["Day"] = "2026-07-09", ["ArticleId"] = $"{second.Id}" });
        var relinked = await app.WithDbAsync(db => db.PlannedEntries.Where(p => p.Id == entry.Id).Select(p => p.ArticleId).SingleAsync());
        var unlinked = await author.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}",
            new() { ["Title"] = "Follow-up interview", ["Day"] = "2026-07-10", ["ArticleId"] = "" });

        Assert.Empty(read.QuerySelectorAll("main form"));
        Assert.Contains("Thursday 9 July 2026", read.QuerySelector("main")!.TextContent);
        Assert.Contains("About the statement First statement", read.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(second.Id, relinked);
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        var stored = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Id == entry.Id));
        Assert.Equal((new DateOnly(2026, 7, 10), (int?)null), (stored.Day, stored.ArticleId));
        Assert.Equal(["9 July 2026: Follow-up interview (statement " + second.Id + ")", "10 July 2026: Follow-up interview"], await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Action == AuditActions.CalendarEntryChanged && e.EntityId == entry.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync()));
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "Kept title", "ArticleId", "999999", "That statement does not exist" },
        { "Kept title", "ArticleId", "first", "is not valid" },
        { "Kept title", "Time", "25:99", "is not valid" },
        { "\u200B\u202E", "Note", "", "Give the idea a title." },
        { new string('x', 201), "Note", "", "Keep the title under 200 characters." },
        { "Kept title", "Note", new string('n', 1_001), "Keep the note under 1,000 characters." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_idea_that_cannot_be_stored_is_refused_with_the_reason_and_the_form_kept(string title, string field, string value, string message)
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var before = await app.WithDbAsync(db => db.PlannedEntries.CountAsync());

        var response = await editor.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned", new() { ["Title"] = title, ["Day"] = "2026-07-15", [field] = value });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page);
        Assert.Contains("value=\"2026-07-15\"", page);
        Assert.Contains("July 2026", page);
        Assert.Equal(before, await app.WithDbAsync(db => db.PlannedEntries.CountAsync()));
    }

    [Fact]
    public async Task A_change_that_cannot_be_stored_leaves_the_idea_as_it_was()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        await editor.Client.PostFormAsync("/admin/calendar", "/admin/calendar/planned", new() { ["Title"] = "Unchanged idea", ["Day"] = "2026-07-20" });
        var entry = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Title == "Unchanged idea"));

        var refused = await editor.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/{entry.Id}",
            new() { ["Title"] = "Changed idea", ["Day"] = "2026-07-21", ["ArticleId"] = "999999" });
        var missing = await editor.Client.PostFormAsync($"/admin/calendar/planned/{entry.Id}", $"/admin/calendar/planned/999999", new() { ["Title"] = "x", ["Day"] = "2026-07-21" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("That statement does not exist", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var stored = await app.WithDbAsync(db => db.PlannedEntries.SingleAsync(p => p.Id == entry.Id));
        Assert.Equal(("Unchanged idea", new DateOnly(2026, 7, 20)), (stored.Title, stored.Day));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CalendarEntryChanged && e.EntityId == entry.Id.ToString())));
    }
}
