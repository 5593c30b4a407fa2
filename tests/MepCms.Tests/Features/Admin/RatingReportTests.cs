using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Ratings;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class RatingReportTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    /// <summary>Stores ratings with the given scores, one per made-up visitor, at the given times, and sets the aggregate as the rating endpoint does.</summary>
    private async Task RateAsync(Article article, params (int Score, DateTime At)[] ratings)
    {
        await app.WithDbAsync(async db =>
        {
            foreach (var (score, at) in ratings)
            {
                db.Ratings.Add(new Rating { StatementId = article.StatementId, Score = score, VisitorHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), CreatedAt = at, UpdatedAt = at });
            }
            await db.SaveChangesAsync();
            var (count, sum) = (ratings.Length, (long)ratings.Sum(r => r.Score));
            await db.Statements.Where(a => a.Id == article.StatementId).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.RatingCount, a => a.RatingCount + count)
                .SetProperty(a => a.RatingSum, a => a.RatingSum + sum));
        });
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task The_report_counts_averages_and_distributions_equal_the_ratings_table()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        await RateAsync(article, (5, Now.AddDays(-1)), (5, Now.AddDays(-1)), (4, Now.AddDays(-2)), (1, Now.AddHours(-1)));
        var editor = await app.SignedInAsync(Roles.Editor);

        var list = await editor.Client.GetDocumentAsync("/admin/ratings?sort=average");
        var detail = await editor.Client.GetDocumentAsync($"/admin/ratings/{article.Id}");

        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(article.Title));
        var expected = await app.WithDbAsync(db => db.Ratings.Where(r => r.StatementId == article.StatementId).GroupBy(r => 1)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(r => r.Score) }).SingleAsync());
        Assert.Equal($"{expected.Count}", row.QuerySelector(".ratings-count")!.TextContent);
        Assert.Equal(((double)expected.Sum / expected.Count).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".ratings-average")!.TextContent);
        Assert.Equal(["1", "0", "0", "1", "2"], row.QuerySelectorAll("td").Skip(3).Select(c => c.TextContent));
        var scores = detail.QuerySelectorAll("figure").First().QuerySelectorAll("svg g");
        Assert.Equal(["1 ★: 1", "2 ★: 0", "3 ★: 0", "4 ★: 1", "5 ★: 2"], scores.Select(g => g.QuerySelector("title")!.TextContent));
        var perDay = detail.QuerySelectorAll("figure").Last().QuerySelectorAll("svg g");
        Assert.Equal(30, perDay.Length);
        Assert.Equal(4, perDay.Sum(g => int.Parse(g.QuerySelector(".bar-chart__value")!.TextContent)));
        Assert.Empty(detail.QuerySelectorAll("main [style]"));
    }

    [Fact]
    public async Task An_unknown_sort_key_is_a_bad_request()
    {
        var editor = await app.SignedInAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Client.GetAsync("/admin/ratings?sort=Title;drop")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Client.GetAsync("/admin/ratings/export.csv?sort=x")).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_is_an_attachment_and_defuses_formulas_in_titles()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "=HYPERLINK(\"http://evil\",\"x\")"));
        await RateAsync(article, (3, Now.AddHours(-2)));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.GetAsync("/admin/ratings/export.csv?sort=id");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains($"\"{article.Id}\",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",\"1\",\"3.00\"", csv);
        Assert.DoesNotContain(",\"=", csv);
    }

    [Theory]
    [InlineData("+SUM(A1)", "\"'+SUM(A1)\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("plain", "\"plain\"")]
    public void Each_formula_prefix_is_defused(string text, string cell)
    {
        Assert.Equal(cell, MepCms.Web.Features.Admin.Ratings.RatingReport.Cell(text));
    }

    [Fact]
    public async Task Removing_a_window_deletes_its_ratings_and_recomputes_the_aggregate_from_the_rest()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var burst = Now.AddHours(-3);
        await RateAsync(article, (4, Now.AddDays(-3)), (2, Now.AddDays(-2)), (5, burst), (5, burst.AddMinutes(5)), (5, burst.AddMinutes(9)), (3, Now.AddHours(-1)));
        var admin = await app.SignedInAsync(Roles.Admin);
        var visitor = app.CreateBrowserlessClient();
        Assert.Contains("(6 ratings)", await visitor.GetStringAsync($"/articles/{article.Slug}")); // now cached

        var response = await admin.Client.PostFormAsync($"/admin/ratings/{article.Id}", $"/admin/ratings/{article.Id}/remove", new()
        {
            ["From"] = burst.ToString("yyyy-MM-ddTHH:mm"), ["To"] = burst.AddMinutes(10).ToString("yyyy-MM-ddTHH:mm"),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Statements.AsNoTracking().Where(s => s.Id == article.StatementId).Select(a => new { a.RatingCount, a.RatingSum }).SingleAsync());
        var remaining = await app.WithDbAsync(db => db.Ratings.Where(r => r.StatementId == article.StatementId).Select(r => r.Score).ToListAsync());
        Assert.Equal([2, 3, 4], remaining.Order());
        Assert.Equal((3, 9L), (stored.RatingCount, stored.RatingSum));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ArticleRatingsRemoved && e.EntityId == article.Id.ToString())));
        Assert.Contains("3.0 / 5 (3 ratings)", await visitor.GetStringAsync($"/articles/{article.Slug}"));
    }

    [Fact]
    public async Task An_empty_or_reversed_window_is_refused_and_nothing_is_removed()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        await RateAsync(article, (5, Now.AddHours(-1)));
        var admin = await app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostFormAsync($"/admin/ratings/{article.Id}", $"/admin/ratings/{article.Id}/remove", new()
        {
            ["From"] = Now.ToString("yyyy-MM-ddTHH:mm"), ["To"] = Now.AddHours(-5).ToString("yyyy-MM-ddTHH:mm"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must come after its start", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Ratings.CountAsync(r => r.StatementId == article.StatementId)));
    }
}
