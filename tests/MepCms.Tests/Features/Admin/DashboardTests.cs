using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Tests.Features.Admin;

public sealed class DashboardTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task The_dashboard_lists_what_waits_for_review_what_is_scheduled_and_when_and_what_was_just_published()
    {
        var inReview = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.InReview));
        var scheduledAt = app.Clock.GetUtcNow().AddHours(5);
        var scheduled = await app.SaveAsync(TestData.Article(app, publishAt: scheduledAt));
        var published = await app.SaveAsync(TestData.Article(app));
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var contributor = await app.SignedInAsync(Roles.Contributor);

        var page = await contributor.Client.GetDocumentAsync("/admin");
        string Panel(string heading) => page.QuerySelectorAll(".admin-panel").Single(p => p.QuerySelector("h2")!.TextContent == heading).TextContent;

        Assert.Contains(inReview.Title, Panel("Waiting for review"));
        Assert.Contains(scheduled.Title, Panel("Scheduled"));
        Assert.Contains(BrusselsTime.DateTimeText(scheduledAt.UtcDateTime), Panel("Scheduled"));
        Assert.DoesNotContain(scheduled.Title, Panel("Recently published"));
        Assert.Contains(published.Title, Panel("Recently published"));
        Assert.DoesNotContain(draft.Title, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Titles_are_encoded_in_admin_pages()
    {
        var hostile = await app.SaveAsync(TestData.Article(app, title: "\"><img src=x onerror=alert(1)>", status: ArticleStatus.InReview));
        var editor = await app.SignedInAsync(Roles.Editor);

        foreach (var url in new[] { "/admin", "/admin/articles", $"/admin/articles/{hostile.Id}/edit", $"/admin/articles/{hostile.Id}/revisions" })
        {
            var page = await editor.Client.GetDocumentAsync(url);
            Assert.Empty(page.QuerySelectorAll("img[onerror]"));
        }
    }
}
