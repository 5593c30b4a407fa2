using System.Globalization;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Articles;

/// <summary>New text for a live statement waits for its minute: the live text stays until then, and it is applied once.</summary>
public sealed class ScheduledUpdateTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private string InBrussels(TimeSpan from) =>
        BrusselsTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime + from).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> ScheduleAsync(StaffMember staff, int id, Dictionary<string, string> changes, Dictionary<string, string>? loaded = null)
    {
        var fields = new Dictionary<string, string>(loaded ?? await staff.Client.LoadEditFormAsync(id));
        foreach (var (key, value) in changes) { fields[key] = value; }
        return await staff.Client.PostAsync($"/admin/articles/{id}/scheduled-update", new FormUrlEncodedContent(fields));
    }

    private async Task<int> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledUpdates>().RunAsync(default);
    }

    private Task<int> AuditCountAsync(int id, string action) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == id.ToString() && e.Action == action));

    [Fact]
    public async Task The_live_text_stays_until_the_minute_then_the_new_text_replaces_it_once_with_a_revision_and_a_note()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Position on the data act", body: "We will vote in favour."));
        var editor = await app.SignedInAsync(Roles.Editor);

        var scheduled = await ScheduleAsync(editor, article.Id, new()
        {
            ["BodyMarkdown"] = "We voted in favour: 412 votes to 201.", ["Change"] = "Update", ["ChangeNote"] = "Added the result of the vote.", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(2)),
        });
        var before = await _reader.GetStringAsync($"/articles/{article.Slug}");
        var edit = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit");
        var early = await RunAsync();

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("We will vote in favour.", before);
        Assert.DoesNotContain("412 votes", before);
        Assert.Equal(0, early);
        var panel = edit.QuerySelector("#scheduled-update")!;
        Assert.Contains("Brussels time", panel.TextContent);
        Assert.Contains("Added the result of the vote.", panel.TextContent);
        Assert.Contains("412 votes to 201", panel.QuerySelector(".diff__line--inserted")!.TextContent);
        Assert.Contains("We will vote in favour.", panel.QuerySelector(".diff__line--deleted")!.TextContent);
        Assert.Equal("We will vote in favour.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.Equal(1, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateScheduled));

        app.Clock.Advance(TimeSpan.FromHours(2));
        var applied = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());
        var after = await _reader.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.True(applied.Sum() <= 1); // the app's own go-live pass may have taken it first
        Assert.Contains("412 votes to 201", after.QuerySelector(".statement__body")!.TextContent);
        Assert.StartsWith("Updated on", after.QuerySelector("#corrections li")!.TextContent.Trim());
        Assert.Equal(1, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateApplied));
        Assert.False(await app.WithDbAsync(db => db.ScheduledUpdates.AnyAsync(u => u.ArticleId == article.Id)));
        var revision = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Number).FirstAsync());
        Assert.Equal("We voted in favour: 412 votes to 201.", revision.BodyMarkdown);
        Assert.StartsWith("Scheduled update", revision.Note);
        Assert.Equal(revision.Number, await app.WithDbAsync(db => db.ArticleCorrections.Where(c => c.ArticleId == article.Id).Select(c => c.RevisionNumber).SingleAsync()));
    }

    [Fact]
    public async Task The_pages_cached_before_the_minute_do_not_outlive_it()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Cached until the update", body: "Old words."));
        var editor = await app.SignedInAsync(Roles.Editor);
        await ScheduleAsync(editor, article.Id, new() { ["BodyMarkdown"] = "New words.", ["Change"] = "TypoFix", ["UpdateAt"] = InBrussels(TimeSpan.FromMinutes(30)) });
        Assert.Contains("Old words.", await _reader.GetStringAsync($"/articles/{article.Slug}"));

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await RunAsync();

        Assert.Contains("New words.", await _reader.GetStringAsync($"/articles/{article.Slug}"));
        Assert.Null(await _reader.GetDocumentAsync($"/articles/{article.Slug}") is { } page ? page.QuerySelector("#corrections") : null);
    }

    [Fact]
    public async Task A_cancelled_update_is_never_applied()
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "Stays as it is."));
        var editor = await app.SignedInAsync(Roles.Editor);
        await ScheduleAsync(editor, article.Id, new() { ["BodyMarkdown"] = "Never published.", ["Change"] = "TypoFix", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) });

        var cancel = await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/edit", $"/admin/articles/{article.Id}/scheduled-update/cancel", []);
        var again = await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/edit", $"/admin/articles/{article.Id}/scheduled-update/cancel", []);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Stays as it is.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.Equal(1, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateCancelled));
        Assert.Equal(0, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateApplied));
    }

    [Fact]
    public async Task A_statement_saved_after_the_update_was_scheduled_keeps_that_save_and_the_update_is_held()
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "First wording."));
        var anna = await app.SignedInAsync(Roles.Editor);
        var ben = await app.SignedInAsync(Roles.Editor);
        await ScheduleAsync(anna, article.Id, new() { ["BodyMarkdown"] = "Anna's scheduled wording.", ["Change"] = "TypoFix", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) });
        await ben.Client.SaveEditFormAsync(article.Id, await ben.Client.LoadEditFormAsync(article.Id), new() { ["BodyMarkdown"] = "Ben's urgent fix.", ["Change"] = "TypoFix" });

        app.Clock.Advance(TimeSpan.FromHours(1));
        var applied = await Task.WhenAll(RunAsync(), RunAsync());
        var edit = await anna.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit");

        Assert.Equal(0, applied.Sum());
        Assert.Equal("Ben's urgent fix.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.NotNull(await app.WithDbAsync(db => db.ScheduledUpdates.Where(u => u.ArticleId == article.Id).Select(u => u.HeldAt).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateHeld));
        Assert.Contains("Not applied", edit.QuerySelector("#scheduled-update")!.TextContent);
        Assert.Contains("Anna's scheduled wording.", edit.QuerySelector("#scheduled-update .diff__line--inserted")!.TextContent);
    }

    [Fact]
    public async Task Scheduling_from_a_stale_form_shows_the_conflict_and_stores_nothing()
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "Original."));
        var anna = await app.SignedInAsync(Roles.Editor);
        var ben = await app.SignedInAsync(Roles.Editor);
        var bensForm = await ben.Client.LoadEditFormAsync(article.Id);
        await anna.Client.SaveEditFormAsync(article.Id, await anna.Client.LoadEditFormAsync(article.Id), new() { ["BodyMarkdown"] = "Anna's text.", ["Change"] = "TypoFix" });

        var response = await ScheduleAsync(ben, article.Id, new() { ["BodyMarkdown"] = "Ben's text.", ["Change"] = "TypoFix", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) }, bensForm);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else saved this statement", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.ScheduledUpdates.AnyAsync(u => u.ArticleId == article.Id)));
    }

    [Theory]
    [InlineData("past", "That time has passed")]
    [InlineData("none", "Choose the time at which")]
    [InlineData("after-expiry", "unpublish time")]
    [InlineData("other-fields", "replaces the title, lead and body only")]
    [InlineData("no-kind", "say whether your change is a typo fix")]
    [InlineData("garbage-time", "not saved")]
    public async Task Bad_schedules_are_refused_with_a_message_and_store_nothing(string kind, string message)
    {
        var article = TestData.Article(app);
        article.UnpublishAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(3);
        await app.SaveAsync(article);
        var editor = await app.SignedInAsync(Roles.Editor);
        var changes = new Dictionary<string, string> { ["BodyMarkdown"] = "New.", ["Change"] = "TypoFix", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) };
        switch (kind)
        {
            case "past": changes["UpdateAt"] = InBrussels(TimeSpan.FromMinutes(-5)); break;
            case "none": changes["UpdateAt"] = ""; break;
            case "after-expiry": changes["UpdateAt"] = InBrussels(TimeSpan.FromHours(4)); break;
            case "other-fields": changes["Place"] = "Strasbourg"; break;
            case "no-kind": changes.Remove("Change"); break;
            case "garbage-time": changes["UpdateAt"] = "next tuesday"; break;
        }

        var response = await ScheduleAsync(editor, article.Id, changes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.ScheduledUpdates.AnyAsync(u => u.ArticleId == article.Id)));
        Assert.Equal(0, await AuditCountAsync(article.Id, AuditActions.ArticleUpdateScheduled));
    }

    [Fact]
    public async Task Only_a_public_statement_takes_one_and_only_editors_schedule()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var live = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var onDraft = await ScheduleAsync(editor, draft.Id, new() { ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) });
        var token = await contributor.Client.AntiforgeryTokenAsync("/admin/articles/new");
        var byContributor = await contributor.Client.PostAsync($"/admin/articles/{live.Id}/scheduled-update", Staff.Form(new() { ["Title"] = "x", ["UpdateAt"] = InBrussels(TimeSpan.FromHours(1)) }, token));
        var cancelByContributor = await contributor.Client.PostAsync($"/admin/articles/{live.Id}/scheduled-update/cancel", Staff.Form([], token));
        var unknown = await editor.Client.PostFormAsync($"/admin/articles/{live.Id}/edit", "/admin/articles/999999/scheduled-update/cancel", []);
        var liveForm = await editor.Client.GetDocumentAsync($"/admin/articles/{live.Id}/edit");
        var draftForm = await editor.Client.GetDocumentAsync($"/admin/articles/{draft.Id}/edit");

        Assert.Contains("Only a public statement takes a scheduled update", await onDraft.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byContributor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancelByContributor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotNull(liveForm.QuerySelector("#schedule-update button[formaction]"));
        Assert.Null(draftForm.QuerySelector("#schedule-update"));
        Assert.False(await app.WithDbAsync(db => db.ScheduledUpdates.AnyAsync(u => u.ArticleId == draft.Id || u.ArticleId == live.Id)));
    }
}
