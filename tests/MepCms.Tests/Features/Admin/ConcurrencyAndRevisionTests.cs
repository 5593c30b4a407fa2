using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class ConcurrencyAndRevisionTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task When_two_editors_save_the_same_statement_the_second_sees_the_conflict_and_nothing_is_lost()
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "Original body."));
        var anna = await app.SignedInAsync(Roles.Editor);
        var ben = await app.SignedInAsync(Roles.Editor);
        var annasForm = await anna.Client.LoadEditFormAsync(article.Id);
        var bensForm = await ben.Client.LoadEditFormAsync(article.Id);

        var first = await anna.Client.SaveEditFormAsync(article.Id, annasForm, new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "Anna's careful wording." });
        var second = await ben.Client.SaveEditFormAsync(article.Id, bensForm, new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "Ben's quick fix." });
        var page = Html.Parse(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Anna's careful wording.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.Equal("Anna's careful wording.", page.QuerySelector(".conflict__body")!.TextContent);
        Assert.Equal("Ben's quick fix.", page.QuerySelector("textarea[name=BodyMarkdown]")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == $"{article.Id}" && e.Action == "Article.Edited")));
    }

    [Fact]
    public async Task After_seeing_the_conflict_saving_again_is_a_deliberate_overwrite_and_both_versions_stay_in_the_revisions()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var anna = await app.SignedInAsync(Roles.Editor);
        var ben = await app.SignedInAsync(Roles.Editor);
        var bensForm = await ben.Client.LoadEditFormAsync(article.Id);
        await anna.Client.SaveEditFormAsync(article.Id, await anna.Client.LoadEditFormAsync(article.Id), new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "Anna's text." });
        var conflict = Html.Parse(await (await ben.Client.SaveEditFormAsync(article.Id, bensForm, new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "Ben's text." })).Content.ReadAsStringAsync());

        var retry = await ben.Client.PostAsync($"/admin/articles/{article.Id}/edit", new FormUrlEncodedContent(
            conflict.QuerySelectorAll("#article-form input[name], #article-form textarea[name]")
                .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.TagName == "TEXTAREA" ? e.TextContent : e.GetAttribute("value") ?? ""))
                .Append(new("AuthorIds[0]", $"{article.Authors[0].AuthorId}"))));

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var bodies = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Number).Select(r => r.BodyMarkdown).ToListAsync());
        Assert.Equal(["Anna's text.", "Ben's text."], bodies);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    public async Task A_form_with_a_missing_or_altered_version_token_never_overwrites(string version)
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "Kept."));
        var editor = await app.SignedInAsync(Roles.Editor);
        var form = await editor.Client.LoadEditFormAsync(article.Id);

        var response = await editor.Client.SaveEditFormAsync(article.Id, form, new() { ["Change"] = "TypoFix", ["Version"] = version, ["BodyMarkdown"] = "Overwrite?" });

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((int)response.StatusCode < 500);
        Assert.Equal("Kept.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
    }

    [Fact]
    public async Task Every_save_is_a_revision_and_the_diff_shows_what_changed_safely_encoded()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await editor.Client.CreateDraftAsync(EditorForms.Fields("Diffed " + TestData.Unique("d"), mep.Id, body: "line one\nline two"));
        var form = await editor.Client.LoadEditFormAsync(id);
        await editor.Client.SaveEditFormAsync(id, form, new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "line one\n<img src=x onerror=alert(1)>" });

        var list = await editor.Client.GetDocumentAsync($"/admin/articles/{id}/revisions");
        var diff = await editor.Client.GetDocumentAsync($"/admin/articles/{id}/revisions/diff?from=1&to=2");

        Assert.Equal(2, list.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(editor.Email, list.QuerySelector("tbody")!.TextContent);
        Assert.Equal("line two", diff.QuerySelector(".diff__line--deleted .diff__text")!.TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", diff.QuerySelector(".diff__line--inserted .diff__text")!.TextContent);
        Assert.Empty(Html.ActiveContent(diff.QuerySelector("main")!));
    }

    [Fact]
    public async Task Restoring_a_revision_brings_its_text_back_as_a_new_revision()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await editor.Client.CreateDraftAsync(EditorForms.Fields("Restored " + TestData.Unique("r"), mep.Id, body: "First wording."));
        await editor.Client.SaveEditFormAsync(id, await editor.Client.LoadEditFormAsync(id), new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "Second wording." });

        var response = await editor.Client.PostFormAsync($"/admin/articles/{id}/revisions", $"/admin/articles/{id}/revisions/1/restore", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await app.ReloadAsync(id);
        Assert.Equal("First wording.", article.BodyMarkdown);
        Assert.Contains("First wording.", article.BodyHtml);
        var notes = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Note).ToListAsync());
        Assert.Equal(["Created", "Edited", "Restored revision 1"], notes);
    }

    [Fact]
    public async Task A_contributor_cannot_restore_a_revision()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var token = await contributor.Client.AntiforgeryTokenAsync("/admin/articles/new");

        var response = await contributor.Client.PostAsync($"/admin/articles/{article.Id}/revisions/1/restore", Staff.Form([], token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
