using MepCms.Web.Data.SqlServer;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Data;

/// <summary>The schedule's one query for the next change translates on SQL Server too (checked without a server).</summary>
public sealed class ScheduleQueryTests
{
    [Fact]
    public void The_next_change_is_one_union_of_go_lives_pin_ends_unpublish_times_and_scheduled_updates_on_sql_server()
    {
        using var db = new SqlServerMepCmsDbContext(new DbContextOptionsBuilder<SqlServerMepCmsDbContext>()
            .UseSqlServer("Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True").Options);

        var sql = PublishingSchedule.ComingChanges(db, new DateTime(2026, 10, 7, 7, 0, 0, DateTimeKind.Utc)).ToQueryString();

        Assert.Equal(3, sql.Split("UNION ALL").Length - 1);
        Assert.Contains("[PublishAt]", sql);
        Assert.Contains("[PinnedUntil]", sql);
        Assert.Contains("[UnpublishAt]", sql);
        Assert.Contains("[ScheduledUpdates]", sql);
    }
}
