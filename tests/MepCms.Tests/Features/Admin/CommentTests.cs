using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

/// <summary>Staff comment on statements, reply and resolve; the author sees open comments on the dashboard; the public never does.</summary>
public sealed class CommentTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static Task<HttpResponseMessage> PostAsync(StaffMember staff, int id, string path, Dictionary<string, string> fields) =>
        staff.Client.PostFormAsync($"/admin/articles/{id}/edit", $"/admin/articles/{id}/comments{path}", fields);

    private Task<int> AuditAsync(int id, string action) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == id.ToString() && e.Action == action));

    [Fact]
    public async Task Staff_comment_on_a_passage_reply_and_resolve_and_the_author_sees_open_comments_on_the_dashboard()
    {
        var author = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);
        var mep = await app.SaveAsync(TestData.Author());
        var title = TestData.Unique("Draft on fisheries");
        var id = await author.Client.CreateDraftAsync(EditorForms.Fields(title, mep.Id, body: "The quota rises by ten per cent."));

        var added = await PostAsync(editor, id, "", new() { ["Quote"] = "ten per cent", ["Text"] = "Source?\nThe Council said eight." });
        var thread = await app.WithDbAsync(db => db.ArticleComments.SingleAsync(c => c.ArticleId == id));
        var dashboard = await author.Client.GetDocumentAsync("/admin");
        var reply = await PostAsync(author, id, $"/{thread.Id}/replies", new() { ["Text"] = "Fixed: eight per cent." });
        var page = await author.Client.GetDocumentAsync($"/admin/articles/{id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.EndsWith("#comments", added.Headers.Location!.OriginalString);
        var panel = dashboard.QuerySelectorAll(".admin-panel").Single(p => p.QuerySelector("h2")!.TextContent == "Open comments on your statements");
        Assert.Contains(title, panel.TextContent);
        Assert.Contains("1 open", panel.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var shown = page.QuerySelector($"#comment-{thread.Id}")!;
        Assert.Equal("ten per cent", shown.QuerySelector(".comment-thread__quote")!.TextContent);
        Assert.Equal(["Source?\nThe Council said eight.", "Fixed: eight per cent."], shown.QuerySelectorAll(".comment__text").Select(t => t.TextContent));

        var resolved = await PostAsync(author, id, $"/{thread.Id}/resolve", []);
        var again = await PostAsync(author, id, $"/{thread.Id}/resolve", []);
        var after = await author.Client.GetDocumentAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain(title, after.QuerySelectorAll(".admin-panel").Single(p => p.QuerySelector("h2")!.TextContent == "Open comments on your statements").TextContent);
        Assert.NotNull(await app.WithDbAsync(db => db.ArticleComments.Where(c => c.Id == thread.Id).Select(c => c.ResolvedAt).SingleAsync()));
        Assert.Equal(1, await AuditAsync(id, AuditActions.ArticleCommented));
        Assert.Equal(1, await AuditAsync(id, AuditActions.ArticleCommentReplied));
        Assert.Equal(1, await AuditAsync(id, AuditActions.ArticleCommentResolved));

        await PostAsync(editor, id, $"/{thread.Id}/reopen", []);
        Assert.Null(await app.WithDbAsync(db => db.ArticleComments.Where(c => c.Id == thread.Id).Select(c => c.ResolvedAt).SingleAsync()));
        Assert.Equal(1, await AuditAsync(id, AuditActions.ArticleCommentReopened));
    }

    [Fact]
    public async Task Comments_never_reach_the_public_page_the_feed_or_search()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Public statement with staff notes"));
        var editor = await app.SignedInAsync(Roles.Editor);
        await PostAsync(editor, article.Id, "", new() { ["Text"] = "zebracomment internal remark" });
        var reader = app.CreateBrowserlessClient();

        Assert.DoesNotContain("zebracomment", await reader.GetStringAsync($"/articles/{article.Slug}"));
        Assert.DoesNotContain("zebracomment", await reader.GetStringAsync("/feed.xml"));
        Assert.DoesNotContain("Public statement with staff notes", await reader.GetStringAsync("/search?q=zebracomment"));
    }

    [Fact]
    public async Task A_contributor_cannot_comment_on_someone_elses_statement_nor_resolve_others_comments()
    {
        var owner = await app.SignedInAsync(Roles.Contributor);
        var other = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);
        var mep = await app.SaveAsync(TestData.Author());
        var id = await owner.Client.CreateDraftAsync(EditorForms.Fields(TestData.Unique("Owner's draft"), mep.Id));
        await PostAsync(editor, id, "", new() { ["Text"] = "Editor's note" });
        var thread = await app.WithDbAsync(db => db.ArticleComments.SingleAsync(c => c.ArticleId == id));
        var token = await other.Client.AntiforgeryTokenAsync("/admin/articles/new");

        var comment = await other.Client.PostAsync($"/admin/articles/{id}/comments", Staff.Form(new() { ["Text"] = "Sneaky" }, token));
        var resolve = await other.Client.PostAsync($"/admin/articles/{id}/comments/{thread.Id}/resolve", Staff.Form([], token));

        Assert.Equal(HttpStatusCode.Forbidden, comment.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resolve.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ArticleComments.CountAsync(c => c.ArticleId == id)));
    }

    [Fact]
    public async Task Bad_comments_are_refused_and_store_nothing()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var elsewhere = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        await PostAsync(editor, elsewhere.Id, "", new() { ["Text"] = "On another statement" });
        var foreign = await app.WithDbAsync(db => db.ArticleComments.SingleAsync(c => c.ArticleId == elsewhere.Id));
        await PostAsync(editor, article.Id, "", new() { ["Text"] = "First" });
        var first = await app.WithDbAsync(db => db.ArticleComments.SingleAsync(c => c.ArticleId == article.Id));
        await PostAsync(editor, article.Id, $"/{first.Id}/replies", new() { ["Text"] = "A reply" });
        var replyId = await app.WithDbAsync(db => db.ArticleComments.Where(c => c.ParentId == first.Id).Select(c => c.Id).SingleAsync());

        var empty = await PostAsync(editor, article.Id, "", new() { ["Text"] = "   " });
        var tooLong = await PostAsync(editor, article.Id, "", new() { ["Text"] = new string('x', 2_001) });
        var quoteTooLong = await PostAsync(editor, article.Id, "", new() { ["Text"] = "ok", ["Quote"] = new string('q', 501) });
        var replyToReply = await PostAsync(editor, article.Id, $"/{replyId}/replies", new() { ["Text"] = "Nested" });
        var replyElsewhere = await PostAsync(editor, article.Id, $"/{foreign.Id}/replies", new() { ["Text"] = "Wrong statement" });
        var resolveReply = await PostAsync(editor, article.Id, $"/{replyId}/resolve", []);
        var unknown = await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/edit", "/admin/articles/999999/comments", new() { ["Text"] = "Nowhere" });

        Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, quoteTooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replyToReply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replyElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolveReply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.ArticleComments.CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task Deleting_a_statement_deletes_its_comments()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        await PostAsync(editor, article.Id, "", new() { ["Text"] = "Soon gone" });

        await app.WithDbAsync(async db => { await db.Articles.Where(a => a.Id == article.Id).ExecuteDeleteAsync(); });

        Assert.False(await app.WithDbAsync(db => db.ArticleComments.AnyAsync(c => c.ArticleId == article.Id)));
    }
}
