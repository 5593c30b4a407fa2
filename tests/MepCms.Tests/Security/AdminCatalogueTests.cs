using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>
/// Catalogue rows R10 and R11 (admin ids and access), T2, T3 and T7 (hostile or huge titles), and
/// strict binding of the editor form (advisory 3: fields the form does not show are never bound).
/// </summary>
public sealed class AdminCatalogueTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Theory]
    [InlineData("1abc")]
    [InlineData("1.0")]
    [InlineData("-1")]
    [InlineData("2147483648")]
    [InlineData("0x1")]
    [InlineData("1%20")]
    [InlineData("%201")]
    public async Task R10_a_malformed_id_on_an_admin_route_is_404_and_never_reaches_statement_1(string id)
    {
        await app.SaveAsync(TestData.Article(app));
        var first = await app.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, a.Version }).FirstAsync());
        var admin = await app.SignedInAsync(Roles.Admin);

        foreach (var path in new[] { "edit", "preview", "revisions", "delete" })
        {
            var response = await admin.Client.GetAsync($"/admin/articles/{id}/{path}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{id}/{path}: {response.StatusCode}");
            Assert.DoesNotContain(first.Title, await response.Content.ReadAsStringAsync());
        }
        var token = await admin.Client.AntiforgeryTokenAsync("/admin/articles/new");
        var post = await admin.Client.PostAsync($"/admin/articles/{id}/edit", Staff.Form(new() { ["Title"] = "Overwritten", ["Version"] = $"{first.Version}" }, token));

        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"POST {id}: {post.StatusCode}");
        Assert.Equal(first.Title, (await app.ReloadAsync(first.Id)).Title);
    }

    [Fact]
    public async Task R11_anonymous_visitors_are_sent_to_sign_in_and_a_user_without_a_role_is_refused()
    {
        var email = $"{TestData.Unique("norole")}@test.local";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "No role" }, Staff.Password)).Succeeded);
        }
        var anonymous = await app.CreateBrowserlessClient().GetAsync("/admin/articles");
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);

        var withoutRole = await client.GetAsync("/admin/articles");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
    }

    [Fact]
    public async Task T2_a_title_that_closes_the_script_element_stays_inside_the_json_ld()
    {
        const string title = "</script><script>alert(1)</script>";
        var article = await app.SaveAsync(TestData.Article(app, title: title, authors: TestData.Author(title)));

        var page = await app.CreateClient().GetDocumentAsync($"/articles/{article.Slug}");

        Assert.DoesNotContain(Html.ActiveContent(page), f => f.StartsWith("script", StringComparison.Ordinal));
        var data = JsonDocument.Parse(Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent).RootElement;
        Assert.Equal(title, data.GetProperty("headline").GetString());
        Assert.Equal(title, data.GetProperty("author")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task T3_a_title_that_closes_cdata_and_the_title_element_leaves_the_feed_well_formed()
    {
        const string title = "]]></title><script>alert(1)</script>";
        var mep = await app.SaveAsync(TestData.Author(title));
        await app.SaveAsync(TestData.Article(app, title: title, authors: mep));

        foreach (var feed in new[] { "/feed.xml", $"/meps/{mep.Slug}/feed.xml" })
        {
            var xml = XDocument.Parse(await app.CreateClient().GetStringAsync(feed));
            Assert.Contains(xml.Descendants("item"), item => item.Element("title")!.Value == title);
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "script");
        }
    }

    [Fact]
    public async Task T7_a_ten_thousand_character_title_gets_a_message_on_the_form_and_nothing_is_stored()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var title = TestData.Unique("huge") + new string('t', 10_000);

        var response = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/new", EditorForms.Fields(title, mep.Id));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Title", page.QuerySelector(".admin-alert--error")?.TextContent ?? "");
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith(title.Substring(0, 20)))));
    }

    [Fact]
    public async Task The_editor_binds_only_the_fields_it_shows_so_ratings_status_and_owner_cannot_be_posted()
    {
        var article = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var admin = await app.SignedInAsync(Roles.Admin);
        var loaded = await admin.Client.LoadEditFormAsync(article.Id);

        var response = await admin.Client.SaveEditFormAsync(article.Id, loaded, new()
        {
            ["Title"] = "Edited title", ["RatingCount"] = "1000", ["RatingSum"] = "5000", ["StatementId"] = "999", ["Statement.RatingCount"] = "1000", ["Status"] = "Published",
            ["CreatedById"] = "someone-else", ["Id"] = "999", ["PublishAt"] = "2026-01-01T00:00:00Z", ["WentLiveAt"] = "2026-01-01T00:00:00Z", ["BodyHtml"] = "<script>alert(1)</script>",
        });
        var saved = await app.ReloadAsync(article.Id);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".admin-alert--error")?.TextContent);
        Assert.Equal("Edited title", saved.Title);
        var statement = await app.WithDbAsync(db => db.Statements.AsNoTracking().SingleAsync(s => s.Id == article.StatementId));
        Assert.Equal((article.StatementId, 0, 0L, ArticleStatus.Draft, article.CreatedById, (DateTime?)null, (DateTime?)null),
            (saved.StatementId, statement.RatingCount, statement.RatingSum, saved.Status, saved.CreatedById, saved.PublishAt, saved.WentLiveAt));
        Assert.DoesNotContain("<script>", saved.BodyHtml);
    }
}
