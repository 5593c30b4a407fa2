using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Languages;

/// <summary>The editor offers the 24 official languages by name; the statements list filters by language.</summary>
public sealed class BackOfficeLanguageTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Theory]
    [InlineData("xx")]
    [InlineData("NL")]
    [InlineData("eng")]
    [InlineData("")]
    public async Task A_language_that_is_not_official_is_refused_with_a_message_and_nothing_is_stored(string language)
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = EditorForms.Fields("Language check " + TestData.Unique("l"), mep.Id);
        fields["Language"] = language;

        var response = await editor.Client.PostFormAsync("/admin/articles/new", "/admin/articles/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("official languages", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == fields["Title"])));
    }

    [Fact]
    public async Task The_editor_names_each_language_in_its_own_name_and_keeps_the_chosen_one()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = EditorForms.Fields("Verklaring " + TestData.Unique("l"), mep.Id);
        fields["Language"] = "nl";

        var id = await editor.Client.CreateDraftAsync(fields);
        var page = await editor.Client.GetDocumentAsync($"/admin/articles/{id}/edit");
        var options = page.QuerySelectorAll("select#Language option");

        Assert.Equal(24, options.Length);
        Assert.Equal("nl", page.QuerySelector("select#Language option[selected]")!.GetAttribute("value"));
        Assert.Contains(options, o => o.TextContent == "Nederlands (nl)" && o.GetAttribute("lang") == "nl");
        Assert.Contains(options, o => o.TextContent == "Ελληνικά (el)");
        Assert.Equal("nl", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_statement_stored_before_with_a_code_that_is_no_official_language_still_shows_in_preview_and_under_embargo()
    {
        var legacy = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddHours(2));
        legacy.Language = "xx";
        await app.SaveAsync(legacy);
        var editor = await app.SignedInAsync(Roles.Editor);
        var token = app.Services.GetRequiredService<MepCms.Web.Features.Embargo.EmbargoLinks>().Create(legacy.Id, app.Clock.GetUtcNow().UtcDateTime.AddHours(3));

        var preview = await editor.Client.GetAsync($"/admin/articles/{legacy.Id}/preview");
        var embargoed = await app.CreateBrowserlessClient().GetAsync("/embargo?token=" + Uri.EscapeDataString(token));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, embargoed.StatusCode);
    }

    [Fact]
    public async Task The_statements_list_filters_by_language_and_refuses_an_unknown_one()
    {
        var english = await app.SaveAsync(TestData.Article(app, title: "English " + TestData.Unique("l")));
        var french = TestData.Article(app, title: "Français " + TestData.Unique("l"));
        french.Language = "fr";
        await app.SaveAsync(french);
        var editor = await app.SignedInAsync(Roles.Editor);

        var list = (await editor.Client.GetDocumentAsync("/admin/articles?language=fr")).QuerySelector("table")!.TextContent;
        var unknown = await editor.Client.GetAsync("/admin/articles?language=xx");

        Assert.Contains(french.Title, list);
        Assert.DoesNotContain(english.Title, list);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
