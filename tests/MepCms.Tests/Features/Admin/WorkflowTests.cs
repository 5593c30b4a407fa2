using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class WorkflowTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static Task<HttpResponseMessage> Step(StaffMember who, int id, string step, Dictionary<string, string>? fields = null) =>
        who.Client.PostFormAsync("/admin/articles/new", $"/admin/articles/{id}/{step}", fields ?? []);

    private async Task<int> DraftByAsync(StaffMember who)
    {
        var mep = await app.SaveAsync(TestData.Author());
        return await who.Client.CreateDraftAsync(EditorForms.Fields("Workflow " + TestData.Unique("w"), mep.Id));
    }

    [Fact]
    public async Task A_contributor_submits_their_own_draft_and_then_can_no_longer_edit_it()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var id = await DraftByAsync(contributor);

        var editBefore = await contributor.Client.GetAsync($"/admin/articles/{id}/edit");
        var submitted = await Step(contributor, id, "submit");
        var editAfter = await contributor.Client.GetAsync($"/admin/articles/{id}/edit");

        Assert.Equal(HttpStatusCode.OK, editBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await app.ReloadAsync(id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, editAfter.StatusCode);
    }

    [Fact]
    public async Task A_contributor_cannot_edit_or_submit_another_persons_draft()
    {
        var author = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var id = await DraftByAsync(author);
        var form = await author.Client.LoadEditFormAsync(id);
        var token = await other.Client.AntiforgeryTokenAsync("/admin/articles/new");
        form["__RequestVerificationToken"] = token;

        var edit = await other.Client.PostAsync($"/admin/articles/{id}/edit", new FormUrlEncodedContent(form));
        var submit = await Step(other, id, "submit");

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await app.ReloadAsync(id)).Status);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("unpublish")]
    [InlineData("schedule")]
    public async Task A_contributor_cannot_publish_schedule_or_unpublish(string step)
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var id = await DraftByAsync(contributor);

        var response = await Step(contributor, id, step, new() { ["PublishAt"] = "2030-01-01T10:00" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await app.ReloadAsync(id)).Status);
    }

    [Fact]
    public async Task An_editor_publishes_a_statement_in_review_and_it_appears_on_the_home_page_then_unpublishes_it()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await DraftByAsync(contributor);
        await Step(contributor, id, "submit");
        var title = (await app.ReloadAsync(id)).Title;
        var reader = app.CreateBrowserlessClient();

        await Step(editor, id, "publish");
        var homeAfterPublish = await reader.GetStringAsync("/");
        await Step(editor, id, "unpublish");
        var homeAfterUnpublish = await reader.GetStringAsync("/");

        Assert.Contains(title, homeAfterPublish);
        Assert.DoesNotContain(title, homeAfterUnpublish);
        // The staff's actions (the go-live, by "system", follows the publish in the background).
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == $"{id}" && e.UserName != "system").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.ArticleCreated, AuditActions.ArticleSubmitted, AuditActions.ArticlePublished, AuditActions.ArticleUnpublished], actions);
    }

    [Fact]
    public async Task A_scheduled_statement_appears_exactly_at_the_brussels_time_chosen()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await DraftByAsync(editor);
        var slug = (await app.ReloadAsync(id)).Slug;
        var reader = app.CreateBrowserlessClient();
        // The clock reads 10 June 2026, 12:00 in Brussels (UTC+2); schedule for 14:30 Brussels time.
        var at = MepCmsFactory.Start.AddHours(2).AddMinutes(30);

        await Step(editor, id, "schedule", new() { ["PublishAt"] = "2026-06-10T14:30" });
        var stored = (await app.ReloadAsync(id)).PublishAt;
        app.Clock.SetUtcNow(at.AddSeconds(-1));
        var before = await reader.GetAsync($"/articles/{slug}");
        app.Clock.SetUtcNow(at);
        var exactly = await reader.GetAsync($"/articles/{slug}");

        Assert.Equal(new DateTime(2026, 6, 10, 12, 30, 0, DateTimeKind.Utc), stored);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exactly.StatusCode);
    }

    [Fact]
    public async Task A_time_in_the_past_cannot_be_scheduled()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await DraftByAsync(editor);

        await Step(editor, id, "schedule", new() { ["PublishAt"] = "2020-01-01T10:00" });

        Assert.Equal(ArticleStatus.Draft, (await app.ReloadAsync(id)).Status);
    }

    [Fact]
    public async Task Deleting_a_published_statement_unpublishes_it_unless_deletion_is_confirmed()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var admin = await app.SignedInAsync(Roles.Admin);

        await admin.Client.PostFormAsync($"/admin/articles/{article.Id}/delete", $"/admin/articles/{article.Id}/delete", []);
        var afterDefault = await app.ReloadAsync(article.Id);
        await admin.Client.PostFormAsync($"/admin/articles/{article.Id}/delete", $"/admin/articles/{article.Id}/delete", new() { ["DeletePermanently"] = "true" });

        Assert.Equal(ArticleStatus.Unpublished, afterDefault.Status);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == article.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == $"{article.Id}" && e.Action == AuditActions.ArticleDeleted)));
    }

    [Fact]
    public async Task Only_admins_may_delete()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await Step(editor, article.Id, "delete");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == article.Id)));
    }

    [Fact]
    public async Task Staff_preview_any_statement_in_the_public_layout_marked_as_preview_and_not_indexed()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var response = await contributor.Client.GetAsync($"/admin/articles/{draft.Id}/preview");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("Preview", page.QuerySelector(".marked-banner__mark")!.TextContent);
        Assert.Equal(draft.Title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }
}
