using MepCms.Web.Data.SqlServer;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Alerts;

/// <summary>
/// The alert queue's INSERT … SELECT is written from the EF model's names, once for both providers:
/// checked offline against the SQL Server model (it runs for real on SQLite in the other tests).
/// </summary>
public sealed class AlertQueueSqlTests
{
    [Fact]
    public void The_queue_sql_names_the_same_tables_and_columns_in_both_models_and_nothing_provider_specific()
    {
        var sqlServer = new DbContextOptionsBuilder<SqlServerMepCmsDbContext>();
        SqlServerSetup.Configure(sqlServer, "Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True");
        var sqlite = new DbContextOptionsBuilder<SqliteMepCmsDbContext>();
        SqliteSetup.Configure(sqlite, "Data Source=:memory:");
        using var onSqlServer = new SqlServerMepCmsDbContext(sqlServer.Options);
        using var onSqlite = new SqliteMepCmsDbContext(sqlite.Options);

        var forSqlServer = AlertQueue.QueueSql(onSqlServer.Model);

        Assert.Equal(AlertQueue.QueueSql(onSqlite.Model), forSqlServer);
        foreach (var table in new[] { "\"AlertDeliveries\"", "\"Subscribers\"", "\"Articles\"", "\"SubscriberLanguages\"", "\"SubscriberMeps\"",
            "\"SubscriberCommittees\"", "\"SubscriberTopics\"", "\"ArticleAuthors\"", "\"ArticleCommittee\"", "\"ArticleTopic\"" })
        {
            Assert.Contains(table, forSqlServer);
        }
        Assert.DoesNotContain("LIMIT", forSqlServer);
        Assert.DoesNotContain("||", forSqlServer);
        Assert.DoesNotContain("[", forSqlServer);
        Assert.Contains("{0}", forSqlServer);
        Assert.Contains("{1}", forSqlServer);
    }
}
