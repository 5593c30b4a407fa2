using System.Net;
using System.Xml.Linq;
using MepCms.Tests.Features.Ratings;
using MepCms.Tests.Infrastructure.Caching;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Languages;

/// <summary>
/// A statement is a group of language versions (decision 0298): one rating whatever version a reader
/// rates, versions that name each other, and translations made, kept up to date and shared in the back office.
/// </summary>
public sealed class StatementVersionsTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _reader = app.CreateVisitorClient();

    /// <summary>A version of <paramref name="source"/>'s statement in <paramref name="language"/>, saved.</summary>
    private async Task<Article> VersionAsync(Article source, string language, ArticleStatus status = ArticleStatus.Published)
    {
        var version = TestData.Article(app, title: $"Versie {language} " + TestData.Unique(language), status: status);
        (version.Statement, version.StatementId, version.Language, version.TranslationOfId) = (null!, source.StatementId, language, source.Id);
        return await app.SaveAsync(version);
    }

    [Fact]
    public async Task A_rating_on_the_dutch_version_counts_for_the_statement_and_the_english_page_shows_it()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");
        await _reader.GetAsync($"/articles/{english.Slug}"); // cached before the vote

        var first = await _reader.RateAsync(dutch.Slug, 4);
        var visitor = first.VisitorId();
        var again = await (await _reader.RateAsync(english.Slug, 2, visitor)).ReadRatingAsync(); // the same reader, on the other version
        await app.Services.GetRequiredService<RatingFigures>().FlushAsync();
        var englishPage = await _reader.GetDocumentAsync($"/articles/{english.Slug}");
        var dutchPage = await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((1, 2.0), (again.Count, again.Average));
        Assert.Equal("The average score is 2.0 / 5 (1 rating)", englishPage.QuerySelector(".rating__summary")!.TextContent.Trim());
        Assert.Equal("De gemiddelde score is 2,0 / 5 (1 beoordeling)", dutchPage.QuerySelector(".rating__summary")!.TextContent.Trim());
        var stored = await app.StoredRatingsAsync(dutch.Id);
        Assert.Equal((1, 2L, 1), (stored.Count, stored.Sum, stored.Rows));
    }

    [Fact]
    public async Task A_version_that_is_not_public_cannot_be_rated_even_when_its_statement_can()
    {
        var english = await app.PublishedArticleAsync();
        var draft = await VersionAsync(english, "fr", ArticleStatus.Draft);

        var response = await _reader.RateAsync(draft.Slug, 5);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, (await app.StoredRatingsAsync(english.Id)).Rows);
    }

    [Fact]
    public async Task Every_public_version_names_all_of_them_as_alternates_and_the_switcher_leads_to_them()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");
        var greek = await VersionAsync(english, "el");
        await VersionAsync(english, "fr", ArticleStatus.Draft);
        var expected = new[]
        {
            ("el", $"http://localhost/el/articles/{greek.Slug}"), ("en", $"http://localhost/articles/{english.Slug}"),
            ("nl", $"http://localhost/nl/articles/{dutch.Slug}"), ("x-default", $"http://localhost/articles/{english.Slug}"),
        };

        foreach (var path in new[] { $"/articles/{english.Slug}", $"/nl/articles/{dutch.Slug}", $"/el/articles/{greek.Slug}" })
        {
            var page = await _reader.GetDocumentAsync(path);
            var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]")
                .Select(l => (l.GetAttribute("hreflang")!, l.GetAttribute("href")!)).Order().ToArray();
            Assert.Equal(expected, alternates);
            Assert.Equal($"/nl/articles/{dutch.Slug}", page.QuerySelector(".language-switcher a[hreflang=nl]")!.GetAttribute("href"));
            Assert.Equal("/fr/", page.QuerySelector(".language-switcher a[hreflang=fr]")!.GetAttribute("href")); // a draft is no page
        }
    }

    [Fact]
    public async Task A_dutch_versions_structured_data_and_share_links_name_the_dutch_pages()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var english = await app.SaveAsync(TestData.Article(app, authors: mep));
        var dutch = await VersionAsync(english, "nl");

        var page = await _reader.GetDocumentAsync($"/nl/articles/{dutch.Slug}");

        using var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var data = json.RootElement;
        Assert.Equal($"http://localhost/nl/articles/{dutch.Slug}", data.GetProperty("url").GetString());
        Assert.Equal($"http://localhost/nl/articles/{dutch.Slug}", data.GetProperty("mainEntityOfPage").GetString());
        Assert.Equal("http://localhost/nl/", data.GetProperty("publisher").GetProperty("url").GetString());
        Assert.StartsWith("http://localhost/nl/meps/", data.GetProperty("author")[0].GetProperty("url").GetString());
        var email = page.QuerySelector("a[href^='mailto:?subject=']")!.GetAttribute("href")!;
        Assert.EndsWith(Uri.EscapeDataString($"http://localhost/nl/articles/{dutch.Slug}"), email);
    }

    [Fact]
    public async Task Another_languages_slug_under_a_language_leads_to_that_languages_version_or_to_the_404_page()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");

        var toDutch = await _reader.GetAsync($"/nl/articles/{english.Slug}");
        var toEnglish = await _reader.GetAsync($"/articles/{dutch.Slug}");
        var noFrench = await _reader.GetAsync($"/fr/articles/{english.Slug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, toDutch.StatusCode);
        Assert.Equal($"/nl/articles/{dutch.Slug}", toDutch.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, toEnglish.StatusCode);
        Assert.Equal($"/articles/{english.Slug}", toEnglish.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, noFrench.StatusCode);
    }

    [Fact]
    public async Task The_sitemap_gives_each_version_the_others_as_alternates()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");
        XNamespace sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";

        var urls = XDocument.Parse(await _reader.GetStringAsync("/sitemap.xml")).Descendants(sitemap + "url").ToList();

        foreach (var loc in new[] { $"http://localhost/articles/{english.Slug}", $"http://localhost/nl/articles/{dutch.Slug}" })
        {
            var url = urls.Single(u => u.Element(sitemap + "loc")!.Value == loc);
            var links = url.Elements(xhtml + "link").Select(l => ((string)l.Attribute("hreflang")!, (string)l.Attribute("href")!)).Order().ToArray();
            Assert.Equal([("en", $"http://localhost/articles/{english.Slug}"), ("nl", $"http://localhost/nl/articles/{dutch.Slug}"),
                ("x-default", $"http://localhost/articles/{english.Slug}")], links);
        }
    }

    [Fact]
    public async Task A_contributor_translates_a_statement_into_a_draft_prefilled_from_it_and_sees_the_source_beside_the_editor()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var source = TestData.Article(app, title: "Grid investment " + TestData.Unique("t"), authors: mep, body: "We call for **interconnectors**.");
        source.Committees.Add(committee);
        source.ProcedureReference = "2025/0101(COD)";
        source = await app.SaveAsync(source);
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var response = await contributor.Client.PostFormAsync($"/admin/articles/{source.Id}/edit", $"/admin/articles/{source.Id}/translate", new() { ["language"] = "nl" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        var translation = await app.WithDbAsync(db => db.Articles.Include(a => a.Authors).Include(a => a.Committees).Include(a => a.Revisions).AsSplitQuery().SingleAsync(a => a.Id == id));
        Assert.Equal((source.StatementId, "nl", source.Id, ArticleStatus.Draft, contributor.Id), (translation.StatementId, translation.Language, translation.TranslationOfId, translation.Status, translation.CreatedById));
        Assert.Equal((source.Title, source.Lead, source.BodyMarkdown, "2025/0101(COD)"), (translation.Title, translation.Lead, translation.BodyMarkdown, translation.ProcedureReference));
        Assert.Equal(mep.Id, Assert.Single(translation.Authors).AuthorId);
        Assert.Equal(committee.Id, Assert.Single(translation.Committees).Id);
        Assert.Equal($"{source.Slug}-nl", translation.Slug);
        Assert.Single(translation.Revisions);
        var editor = await contributor.Client.GetDocumentAsync($"/admin/articles/{id}/edit");
        var beside = editor.QuerySelector(".admin-translate__source")!;
        Assert.Contains("Source: the version in English", beside.TextContent);
        Assert.Equal("<strong>interconnectors</strong>", beside.QuerySelector(".statement__body strong")!.OuterHtml);
        Assert.Equal(["English (en)", "Nederlands (nl)"], editor.QuerySelectorAll(".translations__versions tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Null(editor.QuerySelector("#translate-language option[value=nl]"));
        Assert.NotNull(editor.QuerySelector("#translate-language option[value=fr]"));
    }

    [Fact]
    public async Task A_second_version_in_the_same_language_is_refused_with_a_message_and_a_bad_language_or_statement_is_an_error()
    {
        var english = await app.PublishedArticleAsync();
        await VersionAsync(english, "nl");
        var editor = await app.SignedInAsync(Roles.Editor);
        var before = await app.WithDbAsync(db => db.Articles.CountAsync());

        var twice = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", $"/admin/articles/{english.Id}/translate", new() { ["language"] = "nl" });
        var page = await editor.Client.GetDocumentAsync(twice.Headers.Location!.OriginalString);
        var unknown = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", $"/admin/articles/{english.Id}/translate", new() { ["language"] = "xx" });
        var upper = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", $"/admin/articles/{english.Id}/translate", new() { ["language"] = "NL" });
        var none = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", $"/admin/articles/{english.Id}/translate", new());
        var missing = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", "/admin/articles/999999/translate", new() { ["language"] = "fr" });

        Assert.Equal($"/admin/articles/{english.Id}/edit", twice.Headers.Location!.OriginalString);
        Assert.Contains("already has a version in Nederlands", page.QuerySelector("#translations [role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, upper.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task Moving_a_version_to_a_language_its_statement_already_has_is_refused_and_nothing_is_saved()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl", ArticleStatus.Draft);
        var editor = await app.SignedInAsync(Roles.Editor);
        var loaded = await editor.Client.LoadEditFormAsync(dutch.Id);

        var response = await editor.Client.SaveEditFormAsync(dutch.Id, loaded, new() { ["Language"] = "en", ["Title"] = "Changed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This statement already has a version in English", await response.Content.ReadAsStringAsync());
        var saved = await app.ReloadAsync(dutch.Id);
        Assert.Equal(("nl", dutch.Title), (saved.Language, saved.Title));
    }

    [Fact]
    public async Task A_changed_source_marks_its_translation_out_of_date_with_the_diff_until_the_translator_marks_it_updated()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var mep = await app.SaveAsync(TestData.Author());
        var sourceId = await editor.Client.CreateDraftAsync(EditorForms.Fields("Water resilience " + TestData.Unique("w"), mep.Id, body: "Reservoirs first."));
        var created = await editor.Client.PostFormAsync($"/admin/articles/{sourceId}/edit", $"/admin/articles/{sourceId}/translate", new() { ["language"] = "fr" });
        var translationId = int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        var upToDate = await editor.Client.GetDocumentAsync($"/admin/articles/{translationId}/edit");

        var loaded = await editor.Client.LoadEditFormAsync(sourceId);
        await editor.Client.SaveEditFormAsync(sourceId, loaded, new() { ["BodyMarkdown"] = "Reservoirs first.\n\nThen leaking pipes." });
        var outOfDate = await editor.Client.GetDocumentAsync($"/admin/articles/{translationId}/edit");
        var sourcePage = await editor.Client.GetDocumentAsync($"/admin/articles/{sourceId}/edit");
        var marked = await editor.Client.PostFormAsync($"/admin/articles/{translationId}/edit", $"/admin/articles/{translationId}/translation-updated", new());
        var afterwards = await editor.Client.GetDocumentAsync($"/admin/articles/{translationId}/edit");

        Assert.Null(upToDate.QuerySelector("#translation-out-of-date"));
        Assert.Contains("Out of date", outOfDate.QuerySelector("#translation-out-of-date")!.TextContent);
        Assert.Contains("Then leaking pipes.", outOfDate.QuerySelectorAll("#translation-out-of-date .diff__line--inserted").Select(l => l.TextContent).Single(t => t.Contains("pipes")));
        Assert.Contains("Out of date", sourcePage.QuerySelectorAll(".translations__versions tbody tr").Single(r => r.TextContent.Contains("français")).TextContent);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Null(afterwards.QuerySelector("#translation-out-of-date"));
        Assert.Contains("Up to date", afterwards.QuerySelectorAll(".translations__versions tbody tr").Single(r => r.TextContent.Contains("français")).TextContent);
    }

    [Fact]
    public async Task Marking_a_version_that_is_no_translation_as_updated_is_a_400_and_another_contributors_a_403()
    {
        var english = await app.PublishedArticleAsync();
        var editor = await app.SignedInAsync(Roles.Editor);
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var theirs = await VersionAsync(english, "de", ArticleStatus.Draft);

        var notTranslation = await editor.Client.PostFormAsync($"/admin/articles/{english.Id}/edit", $"/admin/articles/{english.Id}/translation-updated", new());
        var notTheirs = await contributor.Client.PostFormAsync("/admin/articles", $"/admin/articles/{theirs.Id}/translation-updated", new());

        Assert.Equal(HttpStatusCode.BadRequest, notTranslation.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
    }

    [Fact]
    public async Task The_meps_committees_topics_and_procedure_saved_on_one_version_are_every_versions()
    {
        var first = await app.SaveAsync(TestData.Author());
        var second = await app.SaveAsync(TestData.Author());
        var topic = await app.SaveAsync(TestData.Topic());
        var english = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, authors: first));
        var dutch = await VersionAsync(english, "nl", ArticleStatus.Draft);
        var editor = await app.SignedInAsync(Roles.Editor);
        var dutchForm = await editor.Client.LoadEditFormAsync(dutch.Id); // opened before the change
        var loaded = await editor.Client.LoadEditFormAsync(english.Id);

        var saved = await editor.Client.SaveEditFormAsync(english.Id, loaded, new()
        {
            ["AuthorIds[0]"] = $"{second.Id}", ["AuthorIds[1]"] = $"{first.Id}", ["TopicIds"] = $"{topic.Id}", ["ProcedureReference"] = "2026/0042(COD)",
        });
        var stale = await editor.Client.SaveEditFormAsync(dutch.Id, dutchForm, new() { ["Title"] = "Nieuwe titel" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = await app.WithDbAsync(db => db.Articles.Include(a => a.Authors).Include(a => a.Topics).AsSplitQuery().SingleAsync(a => a.Id == dutch.Id));
        Assert.Equal([second.Id, first.Id], version.Authors.OrderBy(x => x.Position).Select(x => x.AuthorId));
        Assert.Equal(topic.Id, Assert.Single(version.Topics).Id);
        Assert.Equal("2026/0042(COD)", version.ProcedureReference);
        // The Dutch form still said the old MEPs: it is refused, not saved over them.
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(dutch.Title, (await app.ReloadAsync(dutch.Id)).Title);
    }

    [Fact]
    public async Task Deleting_a_source_keeps_its_translation_and_the_rating_and_deleting_the_last_version_takes_the_rating()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");
        await _reader.RateAsync(dutch.Slug, 5);
        var admin = await app.SignedInAsync(Roles.Admin);

        await admin.Client.PostFormAsync($"/admin/articles/{english.Id}/delete", $"/admin/articles/{english.Id}/delete", new() { ["DeletePermanently"] = "true" });
        var kept = await app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == dutch.Id));
        var rated = await app.StoredRatingsAsync(dutch.Id);
        await admin.Client.PostFormAsync($"/admin/articles/{dutch.Id}/delete", $"/admin/articles/{dutch.Id}/delete", new() { ["DeletePermanently"] = "true" });

        Assert.Null(kept.TranslationOfId);
        Assert.Equal((1, 1), (rated.Count, rated.Rows));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == english.Id || a.Id == dutch.Id)));
        Assert.False(await app.WithDbAsync(db => db.Statements.AnyAsync(s => s.Id == english.StatementId)));
        Assert.False(await app.WithDbAsync(db => db.Ratings.AnyAsync(r => r.StatementId == english.StatementId)));
    }

    [Fact]
    public async Task The_ratings_report_counts_a_statement_once_with_the_votes_of_all_its_versions()
    {
        var english = await app.PublishedArticleAsync();
        var dutch = await VersionAsync(english, "nl");
        await _reader.RateAsync(english.Slug, 5);
        await _reader.RateAsync(dutch.Slug, 3);
        var editor = await app.SignedInAsync(Roles.Editor);

        var report = await editor.Client.GetDocumentAsync("/admin/ratings");
        var detail = await editor.Client.GetDocumentAsync($"/admin/ratings/{dutch.Id}");

        var row = report.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(english.Title));
        Assert.DoesNotContain(report.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(dutch.Title));
        Assert.Equal("2", row.QuerySelector(".ratings-count")!.TextContent);
        Assert.Equal("4.00", row.QuerySelector(".ratings-average")!.TextContent);
        Assert.Contains(english.Title, detail.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("2 ratings, average 4.00", detail.QuerySelector(".ratings-summary")!.TextContent);
    }
}
