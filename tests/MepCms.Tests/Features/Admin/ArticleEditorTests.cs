using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class ArticleEditorTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task A_contributor_writes_a_draft_whose_slug_comes_from_the_title_with_accents_folded()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var id = await contributor.Client.CreateDraftAsync(EditorForms.Fields("Žemaitė's café " + TestData.Unique("x"), mep.Id, body: "We **insist**."));

        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Authors).Include(a => a.Revisions).FirstAsync(a => a.Id == id));
        Assert.StartsWith("zemaites-cafe-x-", article.Slug, StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(contributor.Id, article.CreatedById);
        Assert.Contains("<strong>insist</strong>", article.BodyHtml);
        Assert.Equal(mep.Id, Assert.Single(article.Authors).AuthorId);
        Assert.Equal("Created", Assert.Single(article.Revisions).Note);
    }

    [Fact]
    public async Task Speaking_meps_keep_the_order_they_were_given()
    {
        var (first, second, third) = (await app.SaveAsync(TestData.Author()), await app.SaveAsync(TestData.Author()), await app.SaveAsync(TestData.Author()));
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = EditorForms.Fields("Three voices " + TestData.Unique("t"), third.Id);
        (fields["AuthorIds[1]"], fields["AuthorIds[2]"]) = ($"{first.Id}", $"{second.Id}");

        var id = await editor.Client.CreateDraftAsync(fields);

        var order = await app.WithDbAsync(db => db.ArticleAuthors.Where(x => x.ArticleId == id).OrderBy(x => x.Position).Select(x => x.AuthorId).ToListAsync());
        Assert.Equal([third.Id, first.Id, second.Id], order);
    }

    [Theory]
    [InlineData("Not A Slug")]
    [InlineData("slug--double")]
    [InlineData("<script>")]
    public async Task An_invalid_slug_is_refused_with_a_message_and_nothing_is_stored(string slug)
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var title = "Bad slug " + TestData.Unique("b");

        var response = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/new", EditorForms.Fields(title, mep.Id, slug: slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("single hyphens", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task A_slug_already_used_by_another_statement_is_refused()
    {
        var existing = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/new",
            EditorForms.Fields("Another one", existing.Authors[0].AuthorId, slug: existing.Slug));

        Assert.Contains("already used", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_too_long_is_refused_and_not_stored()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var title = "Long body " + TestData.Unique("l");

        var response = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/new",
            EditorForms.Fields(title, mep.Id, body: new string('a', Web.Limits.Body + 1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task Changing_a_published_slug_keeps_the_old_address_redirecting()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        var form = await editor.Client.LoadEditFormAsync(article.Id);
        var newSlug = TestData.Unique("renamed");

        var saved = await editor.Client.SaveEditFormAsync(article.Id, form, new() { ["Slug"] = newSlug, ["Change"] = "TypoFix" });
        var old = await app.CreateBrowserlessClient().GetAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/articles/{newSlug}", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Editing_a_published_statement_shows_the_new_text_to_the_public()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);
        var reader = app.CreateBrowserlessClient();
        await reader.GetStringAsync($"/articles/{article.Slug}");

        var form = await editor.Client.LoadEditFormAsync(article.Id);
        await editor.Client.SaveEditFormAsync(article.Id, form, new() { ["Change"] = "TypoFix", ["BodyMarkdown"] = "A *corrected* sentence." });

        Assert.Contains("<em>corrected</em>", await reader.GetStringAsync($"/articles/{article.Slug}"));
    }

    [Fact]
    public async Task The_live_preview_is_rendered_by_the_servers_own_sanitising_pipeline()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var token = await contributor.Client.AntiforgeryTokenAsync("/admin/articles/new");

        var response = await contributor.Client.PostAsync("/admin/articles/preview",
            Staff.Form(new() { ["markdown"] = "## Hi\n\n[x](javascript:alert(1)) <script>alert(1)</script>" }, token));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2", html);
        Assert.Empty(Html.ActiveContent(Html.Parse(html)));
    }

    [Fact]
    public async Task The_editor_works_without_javascript_as_a_plain_form_with_a_textarea()
    {
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var page = await contributor.Client.GetDocumentAsync("/admin/articles/new");

        var form = page.QuerySelector("form#article-form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("textarea[name=BodyMarkdown]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.NotNull(page.QuerySelector("script[src^='/lib/easymde/easymde.min.js']"));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("2147483648")]
    [InlineData("0x1")]
    [InlineData("1.0")]
    public async Task Odd_ids_are_not_found_rather_than_bound_to_a_statement(string id)
    {
        await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Admin);

        foreach (var url in new[] { $"/admin/articles/{id}/edit", $"/admin/articles/{id}/preview", $"/admin/articles/{id}/revisions" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_signed_in_admin_post_without_an_antiforgery_token_is_refused()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var admin = await app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostAsync($"/admin/articles/{article.Id}/publish", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await app.ReloadAsync(article.Id)).Status);
    }

    [Fact]
    public async Task The_list_filters_by_status_mep_and_text_and_refuses_an_unknown_sort()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var marker = TestData.Unique("needle");
        var draft = await app.SaveAsync(TestData.Article(app, title: $"Draft {marker}", status: ArticleStatus.Draft, authors: mep));
        var published = await app.SaveAsync(TestData.Article(app, title: $"Published {marker}", authors: mep));
        var editor = await app.SignedInAsync(Roles.Editor);

        var drafts = await editor.Client.GetStringAsync($"/admin/articles?status=Draft&q={marker}");
        var byMep = await editor.Client.GetStringAsync($"/admin/articles?mep={mep.Id}&sort=title");
        var badSort = await editor.Client.GetAsync("/admin/articles?sort=PasswordHash");

        Assert.Contains(draft.Title, drafts);
        Assert.DoesNotContain(published.Title, drafts);
        Assert.Contains(draft.Title, byMep);
        Assert.Contains(published.Title, byMep);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
    }
}
