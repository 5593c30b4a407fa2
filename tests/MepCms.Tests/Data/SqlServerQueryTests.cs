using MepCms.Web.Data.SqlServer;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Feeds;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Data;

/// <summary>The newsroom's new queries translate on SQL Server too (checked without a server: the SQL is generated, not run).</summary>
public sealed class SqlServerQueryTests
{
    private static SqlServerMepCmsDbContext Db() => new(new DbContextOptionsBuilder<SqlServerMepCmsDbContext>()
        .UseSqlServer("Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True").Options);

    [Fact]
    public void The_statement_page_reads_photo_credits_documents_and_corrections()
    {
        using var db = Db();

        var sql = db.Articles.VisibleAt(new DateTime(2026, 10, 7, 7, 0, 0, DateTimeKind.Utc)).Where(a => a.Slug == "x")
            .ToPage(db.Media, db.ArticleAttachments, "nl").AsSingleQuery().ToQueryString();

        Assert.Contains("N'/media/' + [", sql);
        Assert.Contains("[Credit]", sql);
        Assert.Contains("[ArticleAttachments]", sql);
        Assert.Contains("[ArticleCorrections]", sql);
        Assert.Contains("[CommitteeNames]", sql); // committees and topics named in the page's language
        Assert.Contains("[TopicNames]", sql);
    }

    [Fact]
    public void The_feed_reads_each_items_documents_and_its_corrections()
    {
        using var db = Db();

        var sql = RssFeed.Latest(db.Articles.VisibleAt(new DateTime(2026, 10, 7, 7, 0, 0, DateTimeKind.Utc)), db.ArticleAttachments).ToQueryString();

        Assert.Contains("[ArticleAttachments]", sql);
        Assert.Contains("[ArticleCorrections]", sql);
    }

    [Fact]
    public void The_dashboards_open_comments_group_by_statement()
    {
        using var db = Db();

        var sql = db.ArticleComments.Where(c => c.ParentId == null && c.ResolvedAt == null && c.Article.CreatedById == "me")
            .GroupBy(c => c.ArticleId).Select(g => new { Id = g.Key, Open = g.Count(), Latest = g.Max(c => c.CreatedAt) }).ToQueryString();

        Assert.Contains("GROUP BY [a].[ArticleId]", sql);
    }
}
