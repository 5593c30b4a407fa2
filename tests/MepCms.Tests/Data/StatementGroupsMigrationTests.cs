using MepCms.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MepCms.Tests.Data;

/// <summary>
/// The migration that makes statements groups of language versions (decision 0298), run on a
/// SQLite file holding statements and ratings as the version before it stored them.
/// </summary>
public sealed class StatementGroupsMigrationTests : IDisposable
{
    private const string Before = "20261205201740_TopicNames";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"mepcms-groups-{Guid.NewGuid():N}.db");

    private SqliteMepCmsDbContext Context() =>
        new(new DbContextOptionsBuilder<SqliteMepCmsDbContext>().UseSqlite($"Data Source={_file};Pooling=False").Options);

    [Fact]
    public async Task Every_statement_becomes_a_group_of_one_and_keeps_its_ratings_and_totals()
    {
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }
        await using (var connection = await OpenAsync())
        {
            // Three statements as the old schema held them: two rated (one by a reader who also rated the other), one not.
            await ExecuteAsync(connection, """
                INSERT INTO Articles (Id, Title, Slug, Lead, BodyMarkdown, BodyHtml, Language, Status, PublishAt, Place, LinkBaseUrl, CreatedAt, UpdatedAt, RatingCount, RatingSum, Version)
                VALUES (7, 'Grid investment', 'grid-investment', 'Lead.', 'Body about interconnectors.', '<p>Body</p>', 'en', 'Published', '2026-06-01 08:00:00', 'Brussels', '', '2026-06-01 08:00:00', '2026-06-01 08:00:00', 3, 12, '00000000-0000-0000-0000-000000000001'),
                       (9, 'Netinvesteringen', 'netinvesteringen', 'Lead.', 'Tekst over interconnectoren.', '<p>Tekst</p>', 'nl', 'Published', '2026-06-01 08:00:00', 'Brussel', '', '2026-06-01 08:00:00', '2026-06-01 08:00:00', 1, 2, '00000000-0000-0000-0000-000000000002'),
                       (12, 'Draft', 'draft', 'Lead.', 'Body.', '<p>Body</p>', 'en', 'Draft', NULL, 'Brussels', '', '2026-06-01 08:00:00', '2026-06-01 08:00:00', 0, 0, '00000000-0000-0000-0000-000000000003');
                INSERT INTO Ratings (Id, ArticleId, Score, VisitorHash, CreatedAt, UpdatedAt) VALUES
                    (1, 7, 5, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-06-02 08:00:00', '2026-06-02 08:00:00'),
                    (2, 7, 4, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '2026-06-02 08:00:00', '2026-06-02 08:00:00'),
                    (3, 7, 3, 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', '2026-06-02 08:00:00', '2026-06-02 08:00:00'),
                    (4, 9, 2, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-06-02 08:00:00', '2026-06-02 08:00:00');
                """);
        }
        var before = await TotalsAsync("SELECT Id, RatingCount, RatingSum FROM Articles");
        var ratingsBefore = await RowsAsync("SELECT Id || ':' || ArticleId || ':' || Score || ':' || VisitorHash FROM Ratings");

        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
        }

        Assert.Equal(before, await TotalsAsync("SELECT Id, RatingCount, RatingSum FROM Statements"));
        Assert.Equal(before, await TotalsAsync(
            "SELECT s.Id, COUNT(r.Id), COALESCE(SUM(r.Score), 0) FROM Statements s LEFT JOIN Ratings r ON r.StatementId = s.Id GROUP BY s.Id"));
        Assert.Equal(ratingsBefore, await RowsAsync("SELECT Id || ':' || StatementId || ':' || Score || ':' || VisitorHash FROM Ratings"));
        Assert.Equal(["7:7", "9:9", "12:12"], await RowsAsync("SELECT Id || ':' || StatementId FROM Articles ORDER BY Id"));
        Assert.Equal(["ok"], await RowsAsync("PRAGMA integrity_check"));
        Assert.Empty(await RowsAsync("SELECT \"table\" FROM pragma_foreign_key_check"));
        // The search triggers survived: a changed title is found, the old one no longer.
        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, "UPDATE Articles SET Title = 'Offshore wind corridors' WHERE Id = 7");
        }
        Assert.Equal(["7"], await RowsAsync("SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH 'corridors'"));
        Assert.Empty(await RowsAsync("SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH 'grid'"));
    }

    [Fact]
    public async Task A_rating_row_of_a_group_that_does_not_exist_is_refused_by_the_database()
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
        }
        await using var connection = await OpenAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection,
            "INSERT INTO Ratings (StatementId, Score, VisitorHash, CreatedAt, UpdatedAt) VALUES (404, 3, 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd', '2026-06-02', '2026-06-02')"));

        Assert.Equal(787, refused.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_FOREIGNKEY
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_file};Pooling=False;Foreign Keys=True");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return rows;
    }

    private async Task<List<(long Id, long Count, long Sum)>> TotalsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql + " ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, long, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        return rows;
    }

    public void Dispose() => File.Delete(_file);
}
