using MepCms.Web.Data;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Data.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MepCms.Tests.Data;

/// <summary>Both providers' migrations follow the one model; SQL Server's are checked without a server.</summary>
public sealed class MigrationTests
{
    private static SqlServerMepCmsDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerMepCmsDbContext>()
            .UseSqlServer("Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True").Options);

    private static SqliteMepCmsDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteMepCmsDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void Sql_server_migrations_have_no_pending_model_changes()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: the model changed.");
    }

    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: the model changed.");
    }

    [Fact]
    public void Sql_server_script_creates_the_tables_and_unique_indexes()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in new[] { "Articles", "ArticleAuthors", "ArticleCommittee", "ArticleTopic", "ArticleSlugs", "ArticleRevisions",
                     "Authors", "Committees", "CommitteeMemberships", "Topics", "Ratings", "AuditEntries", "AspNetUsers", "AspNetRoles" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }
        Assert.Contains("CREATE UNIQUE INDEX [IX_Articles_Slug] ON [Articles] ([Slug])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Ratings_ArticleId_VisitorHash] ON [Ratings] ([ArticleId], [VisitorHash])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_ArticleSlugs_Slug] ON [ArticleSlugs] ([Slug])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Authors_Slug] ON [Authors] ([Slug])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Committees_Code] ON [Committees] ([Code])", script);
        Assert.Contains("CREATE INDEX [IX_Articles_Status_PublishAt] ON [Articles] ([Status], [PublishAt])", script);
        Assert.Contains("CONSTRAINT [CK_Ratings_Score] CHECK (Score BETWEEN 1 AND 5)", script);
    }

    [Fact]
    public void Sql_server_script_moves_each_statement_and_its_ratings_into_a_group_with_the_same_id()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript("TopicNames", "StatementGroups");

        Assert.Contains("SET IDENTITY_INSERT [Statements] ON;", script);
        Assert.Contains("INSERT INTO [Statements] ([Id], [RatingCount], [RatingSum]) SELECT [Id], [RatingCount], [RatingSum] FROM [Articles];", script);
        Assert.Contains("UPDATE [Articles] SET [StatementId] = [Id];", script);
        Assert.Contains("EXEC sp_rename N'[Ratings].[ArticleId]', N'StatementId', 'COLUMN';", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Articles_StatementId_Language] ON [Articles] ([StatementId], [Language]);", script);
        Assert.Contains("ALTER TABLE [Ratings] ADD CONSTRAINT [FK_Ratings_Statements_StatementId] FOREIGN KEY ([StatementId]) REFERENCES [Statements] ([Id]) ON DELETE CASCADE;", script);
        // The groups are filled before the aggregate columns leave the statements.
        Assert.True(script.IndexOf("FROM [Articles];", StringComparison.Ordinal) < script.IndexOf("DROP COLUMN [RatingCount]", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_string_column_has_a_length()
    {
        using var db = SqlServer();
        var unbounded = db.Model.GetEntityTypes()
            .Where(e => !e.ClrType.Namespace!.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal))
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null).Select(p => $"{e.DisplayName()}.{p.Name}"))
            .Where(name => !name.StartsWith("AppUser.", StringComparison.Ordinal) || name == "AppUser.DisplayName")
            .ToList();

        Assert.Empty(unbounded);
    }

    [Fact]
    public void Both_providers_know_the_same_migrations_by_name()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlServer), Names(sqlite));
    }
}
