using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Articles;

/// <summary>Saving a public statement asks: a silent typo fix, or a correction or update readers are told of.</summary>
public sealed class CorrectionTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private static JsonElement JsonLd(AngleSharp.Dom.IDocument page) =>
        JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;

    private async Task<XElement> FeedItemAsync(string slug) =>
        XDocument.Parse(await _reader.GetStringAsync("/feed.xml")).Descendants("item").Single(i => i.Element("link")!.Value.EndsWith(slug, StringComparison.Ordinal));

    [Fact]
    public async Task A_correction_shows_a_dated_note_on_the_page_in_json_ld_and_in_the_feed_and_is_kept_with_its_revision()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Vote on the fisheries deal", body: "The vote is on Monday."));
        var editor = await app.SignedInAsync(Roles.Editor);
        await _reader.GetStringAsync($"/articles/{article.Slug}"); // cached before the correction
        await _reader.GetStringAsync("/feed.xml");
        var form = await editor.Client.LoadEditFormAsync(article.Id);

        var saved = await editor.Client.SaveEditFormAsync(article.Id, form, new()
        {
            ["BodyMarkdown"] = "The vote is on Tuesday.", ["Change"] = "Correction", ["ChangeNote"] = "The vote takes place on Tuesday, not Monday.",
        });
        var page = await _reader.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var note = page.QuerySelector("#corrections li")!;
        Assert.Equal("Corrected on 10 June 2026: The vote takes place on Tuesday, not Monday.", note.TextContent.Trim());
        Assert.Contains("Corrected 10 June 2026", page.QuerySelector(".statement__meta")!.TextContent);
        Assert.Contains("Tuesday", page.QuerySelector(".statement__body")!.TextContent);
        var json = JsonLd(page);
        var correction = Assert.Single(json.GetProperty("correction").EnumerateArray());
        Assert.Equal("CorrectionComment", correction.GetProperty("@type").GetString());
        Assert.Equal("The vote takes place on Tuesday, not Monday.", correction.GetProperty("text").GetString());
        Assert.Equal(json.GetProperty("dateModified").GetString(), correction.GetProperty("datePublished").GetString());
        Assert.Contains("Corrected on 10 June 2026: The vote takes place on Tuesday, not Monday.", (await FeedItemAsync(article.Slug)).Element("description")!.Value);

        var stored = await app.WithDbAsync(db => db.ArticleCorrections.SingleAsync(c => c.ArticleId == article.Id));
        var revision = await app.WithDbAsync(db => db.ArticleRevisions.SingleAsync(r => r.ArticleId == article.Id && r.Number == stored.RevisionNumber));
        Assert.Equal(ChangeKind.Correction, stored.Kind);
        Assert.Equal("The vote is on Tuesday.", revision.BodyMarkdown);
        Assert.Equal("Correction: The vote takes place on Tuesday, not Monday.", revision.Note);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleCorrected)));
        Assert.Contains("Readers already see", await editor.Client.GetStringAsync($"/admin/articles/{article.Id}/edit"));
    }

    [Fact]
    public async Task An_update_is_told_as_an_update_and_not_as_a_correction_in_json_ld()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Budget talks continue"));
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id), new()
        {
            ["BodyMarkdown"] = "Talks continue. The Council replied tonight.", ["Change"] = "Update", ["ChangeNote"] = "Added the Council's reply.",
        });
        var page = await _reader.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal("Updated on 10 June 2026: Added the Council's reply.", page.QuerySelector("#corrections li")!.TextContent.Trim());
        Assert.False(JsonLd(page).TryGetProperty("correction", out _));
    }

    [Fact]
    public async Task A_typo_fix_changes_nothing_public_but_the_text_and_the_modified_date()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Statement with a typo", body: "The Comission replied."));
        var editor = await app.SignedInAsync(Roles.Editor);
        var before = JsonLd(await _reader.GetDocumentAsync($"/articles/{article.Slug}")).GetProperty("dateModified").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id), new()
        {
            ["BodyMarkdown"] = "The Commission replied.", ["Change"] = "TypoFix", ["ChangeNote"] = "ignored for a typo fix",
        });
        var page = await _reader.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Contains("Commission", page.QuerySelector(".statement__body")!.TextContent);
        Assert.Null(page.QuerySelector("#corrections"));
        Assert.DoesNotContain("Corrected", page.QuerySelector(".statement__meta")!.TextContent);
        Assert.DoesNotContain("ignored", page.DocumentElement.OuterHtml);
        Assert.NotEqual(before, JsonLd(page).GetProperty("dateModified").GetString());
        Assert.False(await app.WithDbAsync(db => db.ArticleCorrections.AnyAsync(c => c.ArticleId == article.Id)));
        Assert.Equal("Typo fix", await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderByDescending(r => r.Number).Select(r => r.Note).FirstAsync()));
    }

    [Theory]
    [InlineData(null, null, "say whether your change is a typo fix")]
    [InlineData("Correction", "", "Write the note readers will see")]
    [InlineData("Update", "   ", "Write the note readers will see")]
    [InlineData("7", "A note", "say whether your change is a typo fix")]
    [InlineData("Banana", "A note", "not saved")]
    public async Task Saving_a_public_statement_without_saying_what_changed_stores_nothing(string? change, string? note, string message)
    {
        var article = await app.SaveAsync(TestData.Article(app, body: "Original words."));
        var editor = await app.SignedInAsync(Roles.Editor);
        var changes = new Dictionary<string, string> { ["BodyMarkdown"] = "New words." };
        if (change is not null) { changes["Change"] = change; }
        if (note is not null) { changes["ChangeNote"] = note; }

        var response = await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id), changes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal("Original words.", (await app.ReloadAsync(article.Id)).BodyMarkdown);
        Assert.False(await app.WithDbAsync(db => db.ArticleRevisions.AnyAsync(r => r.ArticleId == article.Id)));
        Assert.False(await app.WithDbAsync(db => db.ArticleCorrections.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task A_note_longer_than_the_limit_is_refused()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.SaveEditFormAsync(article.Id, await editor.Client.LoadEditFormAsync(article.Id), new()
        {
            ["Change"] = "Correction", ["ChangeNote"] = new string('x', ArticleCorrection.NoteLength + 1),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ArticleCorrections.AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task Drafts_and_scheduled_statements_are_not_asked_and_take_no_note()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(1)));
        var editor = await app.SignedInAsync(Roles.Editor);

        var draftForm = await editor.Client.GetDocumentAsync($"/admin/articles/{draft.Id}/edit");
        var scheduledForm = await editor.Client.GetDocumentAsync($"/admin/articles/{scheduled.Id}/edit");
        var saved = await editor.Client.SaveEditFormAsync(draft.Id, await editor.Client.LoadEditFormAsync(draft.Id), new()
        {
            ["BodyMarkdown"] = "Still drafting.", ["Change"] = "Correction", ["ChangeNote"] = "Not public yet.",
        });
        var savedScheduled = await editor.Client.SaveEditFormAsync(scheduled.Id, await editor.Client.LoadEditFormAsync(scheduled.Id), new() { ["BodyMarkdown"] = "Final words." });

        Assert.Null(draftForm.QuerySelector("#change-kind"));
        Assert.Null(scheduledForm.QuerySelector("#change-kind"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, savedScheduled.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ArticleCorrections.AnyAsync(c => c.ArticleId == draft.Id || c.ArticleId == scheduled.Id)));
    }
}
