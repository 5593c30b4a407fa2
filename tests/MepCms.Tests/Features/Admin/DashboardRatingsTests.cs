using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;

namespace MepCms.Tests.Features.Admin;

/// <summary>Its own app, so no other test's ratings reach the dashboard.</summary>
public sealed class DashboardRatingsTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private async Task<Article> RatedAsync(string title, int daysAgo, params int[] scores)
    {
        var article = await app.SaveAsync(TestData.Article(app, title: title));
        var at = app.Clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo);
        await app.WithDbAsync(async db =>
        {
            db.Ratings.AddRange(scores.Select(s => new Rating { StatementId = article.StatementId, Score = s, VisitorHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), CreatedAt = at, UpdatedAt = at }));
            await db.SaveChangesAsync();
        });
        return article;
    }

    [Fact]
    public async Task The_dashboard_ranks_the_last_thirty_days_of_ratings_by_average_and_by_count()
    {
        await RatedAsync("Loved", 2, 5, 5, 5, 4);
        await RatedAsync("Busy", 10, 3, 3, 3, 3, 3);
        await RatedAsync("Barely rated", 1, 5, 5);
        await RatedAsync("Old news", 40, 5, 5, 5, 5, 5, 5, 5, 5);
        var editor = await app.SignedInAsync(Roles.Editor);

        var page = await editor.Client.GetDocumentAsync("/admin");
        IEnumerable<string> Titles(string heading) => page.QuerySelectorAll(".admin-panel")
            .Single(p => p.QuerySelector("h2")!.TextContent == heading).QuerySelectorAll("li a").Select(a => a.TextContent);

        Assert.Equal(["Loved", "Busy"], Titles("Top rated, last 30 days"));
        Assert.Equal(["Busy", "Loved", "Barely rated"], Titles("Most rated, last 30 days"));
        Assert.Contains("4.8 / 5 from 4 ratings", page.QuerySelector("main")!.TextContent);
    }
}
