using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Home;

/// <summary>Editors pin one public statement to the top of the home page, with an optional end.</summary>
public sealed class PinnedStatementTests(CachingFactory app) : IClassFixture<CachingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    [Fact]
    public async Task A_pinned_statement_opens_the_home_page_once_until_its_end_then_the_latest_does_again()
    {
        var older = await app.SaveAsync(TestData.Article(app, title: "Older but important", publishAt: app.Clock.GetUtcNow().AddDays(-3)));
        var newest = await app.SaveAsync(TestData.Article(app, title: "Newest statement", publishAt: app.Clock.GetUtcNow().AddMinutes(-1)));
        var editor = await app.SignedInAsync(Roles.Editor);
        await _reader.GetStringAsync("/"); // cached before the pin
        var end = app.Clock.GetUtcNow().AddHours(2);

        var pin = await PinAsync(editor, older.Id, BrusselsTime.ToLocal(end.UtcDateTime));
        var pinnedHome = await _reader.GetDocumentAsync("/");
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var afterEnd = await _reader.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, pin.StatusCode);
        var lead = pinnedHome.QuerySelector(".article-card--lead")!;
        Assert.Equal(("Pinned", older.Title), (lead.QuerySelector(".article-card__kicker")!.TextContent, lead.QuerySelector(".article-card__title")!.TextContent));
        Assert.Single(pinnedHome.QuerySelectorAll(".article-card__title"), t => t.TextContent == older.Title); // not twice
        Assert.Equal(("Latest statement", newest.Title), (afterEnd.QuerySelector(".article-card--lead .article-card__kicker")!.TextContent,
            afterEnd.QuerySelector(".article-card--lead .article-card__title")!.TextContent));
        Assert.Contains("until", await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == older.Id.ToString() && e.Action == AuditActions.ArticlePinned).Select(e => e.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Pinning_another_unpins_the_first_and_unpin_unpublish_or_drafts_leave_no_pin()
    {
        var first = await app.SaveAsync(TestData.Article(app, title: "First pinned", publishAt: app.Clock.GetUtcNow().AddDays(-2)));
        var second = await app.SaveAsync(TestData.Article(app, title: "Second pinned", publishAt: app.Clock.GetUtcNow().AddDays(-1)));
        var draft = await app.SaveAsync(TestData.Article(app, title: "A draft", status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);

        await PinAsync(editor, first.Id);
        await PinAsync(editor, second.Id);
        var pins = await app.WithDbAsync(db => db.Articles.Where(a => a.PinnedAt != null).Select(a => a.Id).ToListAsync());
        var refusedDraft = await PinAsync(editor, draft.Id);
        var draftPage = await editor.Client.GetStringAsync($"/admin/articles/{draft.Id}/edit");
        var past = await PinAsync(editor, first.Id, BrusselsTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
        var pastPage = await editor.Client.GetStringAsync($"/admin/articles/{first.Id}/edit");
        await editor.Client.PostFormAsync($"/admin/articles/{second.Id}/edit", $"/admin/articles/{second.Id}/unpublish", []);

        Assert.Equal([second.Id], pins);
        Assert.Equal(HttpStatusCode.Redirect, refusedDraft.StatusCode);
        Assert.Contains("Only a statement that is public can be pinned", draftPage);
        Assert.Contains("That end time has passed", pastPage);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.PinnedAt != null)));
        Assert.Equal(HttpStatusCode.NotFound, (await PinAsync(editor, 999_999)).StatusCode);
    }

    [Fact]
    public async Task Unpinning_puts_the_latest_first_again_and_is_audited()
    {
        var pinned = await app.SaveAsync(TestData.Article(app, title: "Pinned then not", publishAt: app.Clock.GetUtcNow().AddDays(-4)));
        var editor = await app.SignedInAsync(Roles.Editor);
        await PinAsync(editor, pinned.Id);
        Assert.Equal(pinned.Title, (await _reader.GetDocumentAsync("/")).QuerySelector(".article-card--lead .article-card__title")!.TextContent);

        await editor.Client.PostFormAsync($"/admin/articles/{pinned.Id}/edit", $"/admin/articles/{pinned.Id}/unpin", []);

        Assert.NotEqual(pinned.Title, (await _reader.GetDocumentAsync("/")).QuerySelector(".article-card--lead .article-card__title")!.TextContent);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == pinned.Id.ToString() && e.Action == AuditActions.ArticleUnpinned)));
    }

    private static Task<HttpResponseMessage> PinAsync(StaffMember editor, int id, DateTime? untilBrussels = null) =>
        editor.Client.PostFormAsync("/admin/articles", $"/admin/articles/{id}/pin",
            untilBrussels is { } until ? new() { ["PinnedUntil"] = until.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) } : []);
}
