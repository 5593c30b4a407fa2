using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Admin.Articles.Autosave;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

/// <summary>The editor's autosave keeps a private copy of the form, offered back after a closed tab, never over anyone's save.</summary>
public sealed class AutosaveTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static async Task<HttpResponseMessage> AutosaveAsync(StaffMember staff, int id, Dictionary<string, string> changes, Dictionary<string, string>? loaded = null)
    {
        var fields = new Dictionary<string, string>(loaded ?? await staff.Client.LoadEditFormAsync(id));
        foreach (var (key, value) in changes) { fields[key] = value; }
        return await staff.Client.PostAsync($"/admin/articles/{id}/autosave", new FormUrlEncodedContent(fields));
    }

    private Task<int> CopiesAsync(int? articleId) => app.WithDbAsync(db => db.Set<AutosavedForm>().CountAsync(f => f.ArticleId == articleId));

    [Fact]
    public async Task A_closed_tab_leaves_a_private_copy_that_is_offered_restored_and_deleted_on_save()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, body: "Saved words."));
        var editor = await app.SignedInAsync(Roles.Editor);
        var colleague = await app.SignedInAsync(Roles.Editor);

        var kept = await AutosaveAsync(editor, article.Id, new() { ["BodyMarkdown"] = "Saved words. And a paragraph typed before the tab closed." });
        var reopened = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit");
        var colleagueSees = await colleague.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit");

        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
        Assert.Equal("Saved words.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.False(await app.WithDbAsync(db => db.ArticleRevisions.AnyAsync(r => r.ArticleId == article.Id)));
        var offer = reopened.QuerySelector("#autosave-offer")!;
        Assert.Contains("typed before the tab closed", offer.QuerySelector(".diff__line--inserted")!.TextContent);
        Assert.Null(offer.QuerySelector(".admin-alert--error"));
        Assert.Null(colleagueSees.QuerySelector("#autosave-offer"));

        var restored = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit?restore=autosave");
        Assert.Contains("typed before the tab closed", restored.QuerySelector("#BodyMarkdown")!.TextContent);
        Assert.Null(restored.QuerySelector("#autosave-offer"));
        var form = await editor.Client.LoadEditFormAsync(article.Id);
        form["BodyMarkdown"] = restored.QuerySelector("#BodyMarkdown")!.TextContent;
        var saved = await editor.Client.SaveEditFormAsync(article.Id, form, []);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("typed before the tab closed", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.Equal(0, await CopiesAsync(article.Id));
        Assert.Null((await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#autosave-offer"));
    }

    [Fact]
    public async Task A_copy_restored_after_a_colleague_saved_meets_the_conflict_rule_and_overwrites_nothing()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, body: "First."));
        var anna = await app.SignedInAsync(Roles.Editor);
        var ben = await app.SignedInAsync(Roles.Editor);
        var annasForm = await anna.Client.LoadEditFormAsync(article.Id);
        await AutosaveAsync(anna, article.Id, new() { ["BodyMarkdown"] = "Anna's unsaved paragraph." }, annasForm);
        await ben.Client.SaveEditFormAsync(article.Id, await ben.Client.LoadEditFormAsync(article.Id), new() { ["BodyMarkdown"] = "Ben's saved paragraph." });

        var offer = (await anna.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#autosave-offer")!;
        var restored = await anna.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit?restore=autosave");
        var fields = restored.QuerySelectorAll("#article-form input[name], #article-form textarea[name]")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked"))
            .ToDictionary(e => e.GetAttribute("name")!, e => e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? "");
        fields["AuthorIds[0]"] = annasForm["AuthorIds[0]"];
        var save = await anna.Client.PostAsync($"/admin/articles/{article.Id}/edit", new FormUrlEncodedContent(fields));

        Assert.Contains("Someone saved this statement after you started typing", offer.TextContent);
        Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);
        Assert.Equal("Ben's saved paragraph.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
    }

    [Fact]
    public async Task Discarding_drops_the_copy_with_an_audit_entry()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        await AutosaveAsync(editor, article.Id, new() { ["Title"] = "A title never saved" });

        var discarded = await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/edit", $"/admin/articles/{article.Id}/autosave/discard", []);

        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Equal(0, await CopiesAsync(article.Id));
        Assert.Null((await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#autosave-offer"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleAutosaveDiscarded)));
    }

    [Fact]
    public async Task The_new_statement_form_is_kept_too_and_creating_the_statement_drops_the_copy()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var mep = await app.SaveAsync(TestData.Author());
        var token = await contributor.Client.AntiforgeryTokenAsync("/admin/articles/new");
        var title = TestData.Unique("Typed in a new form");
        var fields = EditorForms.Fields(title, mep.Id, body: "Half a statement.");

        var kept = await contributor.Client.PostAsync("/admin/articles/new/autosave", Staff.Form(fields, token));
        var offer = (await contributor.Client.GetDocumentAsync("/admin/articles/new")).QuerySelector("#autosave-offer");
        var restored = await contributor.Client.GetDocumentAsync("/admin/articles/new?restore=autosave");
        await contributor.Client.CreateDraftAsync(fields);

        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
        Assert.NotNull(offer);
        Assert.Equal(title, restored.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Null((await contributor.Client.GetDocumentAsync("/admin/articles/new")).QuerySelector("#autosave-offer"));
    }

    [Fact]
    public async Task A_copy_equal_to_the_saved_text_is_not_offered()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);

        await AutosaveAsync(editor, article.Id, []);

        Assert.Null((await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}/edit")).QuerySelector("#autosave-offer"));
    }

    [Fact]
    public async Task Autosaves_follow_the_edit_rule_and_refuse_bad_input()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var owner = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var mep = await app.SaveAsync(TestData.Author());
        var id = await owner.Client.CreateDraftAsync(EditorForms.Fields(TestData.Unique("Owner's draft"), mep.Id));
        var token = await other.Client.AntiforgeryTokenAsync("/admin/articles/new");

        var byOther = await other.Client.PostAsync($"/admin/articles/{id}/autosave", Staff.Form(EditorForms.Fields("Taken over", mep.Id), token));
        var discardByOther = await other.Client.PostAsync($"/admin/articles/{id}/autosave/discard", Staff.Form([], token));
        var unknown = await other.Client.PostAsync("/admin/articles/999999/autosave", Staff.Form(EditorForms.Fields("x", mep.Id), token));
        var tooLong = await AutosaveAsync(editor, id, new() { ["Title"] = new string('t', 5_000) });
        var noToken = await owner.Client.PostAsync($"/admin/articles/{id}/autosave", new FormUrlEncodedContent(EditorForms.Fields("No token", mep.Id)));

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, discardByOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, await CopiesAsync(id));
    }
}
