using MepCms.Tests.Support;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure;

/// <summary>
/// How SQLite runs the queries of the public lists and of the background passes, asked of SQLite
/// itself (EXPLAIN QUERY PLAN) on the commands the app really sent. A row of <c>Articles</c> keeps
/// its later columns (language, status, times) behind its body's overflow pages, so a plan that
/// reads rows to filter a list reads every body: 450 ms a count at 100,000 statements. The plans
/// are taken with the statistics the app's own <see cref="SqliteStatistics"/> wrote on the
/// benchmark's database of 100,000 statements (decision 0300).
/// </summary>
public sealed class QueryPlanTests(CountingFactory app) : IClassFixture<CountingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<IReadOnlyList<(string Sql, string Plan)>> PlansOfAsync(Func<Task> action)
    {
        app.Commands.Reset();
        await action();
        var plans = new List<(string, string)>();
        await WriteStatisticsOfALargeSiteAsync();
        // A connection of its own reads the statistics as it opens.
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var command in app.Commands.Commands.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) && c.Text.Contains("\"Articles\"")))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
            foreach (var (name, value) in command.Parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(3));
                }
            }
            plans.Add((command.Text, string.Join('\n', lines)));
        }
        return plans;
    }

    /// <summary>
    /// sqlite_stat1 as <c>PRAGMA optimize=0x10002</c> left it on the benchmark's seed: 100,000
    /// statements in English, 25,000 in Dutch, 12,500 in French; 60 MEPs, 20 committees, 30 topics.
    /// </summary>
    private static readonly (string Table, string Index, string Stat)[] LargeSite =
    [
        ("Articles", "IX_Articles_Language_Status_PublishAt_Id_UnpublishAt", "137500 45834 45834 1 1 1"),
        ("Articles", "IX_Articles_Status_WentLiveAt_PublishAt", "137500 137500 2 2"),
        ("Articles", "IX_Articles_Status_UnpublishAt", "137500 137500 137500"),
        ("Articles", "IX_Articles_TranslationOfId", "137500 137500"),
        ("Articles", "IX_Articles_StatementId_Language", "137500 2 1"),
        ("Articles", "IX_Articles_LeadImageId", "137500 137500"),
        ("Articles", "IX_Articles_PinnedUntil", "137500 137500"),
        ("Articles", "IX_Articles_PinnedAt", "137500 137500"),
        ("Articles", "IX_Articles_Status_PublishAt", "137500 137500 2"),
        ("Articles", "IX_Articles_Slug", "137500 1"),
        ("ArticleAuthors", "IX_ArticleAuthors_AuthorId", "137500 2292"),
        ("ArticleAuthors", "sqlite_autoindex_ArticleAuthors_1", "137500 1 1"),
        ("ArticleCommittee", "IX_ArticleCommittee_CommitteeId", "137500 6875"),
        ("ArticleCommittee", "sqlite_autoindex_ArticleCommittee_1", "137500 1 1"),
        ("ArticleTopic", "IX_ArticleTopic_TopicId", "137500 4584"),
        ("ArticleTopic", "sqlite_autoindex_ArticleTopic_1", "137500 1 1"),
        ("Committees", "IX_Committees_Slug", "20 1"),
        ("Topics", "IX_Topics_Slug", "30 1"),
        ("Authors", "IX_Authors_Slug", "60 1"),
    ];

    private async Task WriteStatisticsOfALargeSiteAsync()
    {
        // The app's own maintenance makes the statistics table; the figures are then a large site's.
        await app.Services.GetRequiredService<SqliteStatistics>().OptimizeAsync(CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sqlite_stat1;" + string.Concat(LargeSite.Select((_, i) => $"INSERT INTO sqlite_stat1 VALUES ($t{i}, $i{i}, $s{i});"));
        for (var i = 0; i < LargeSite.Length; i++)
        {
            command.Parameters.AddWithValue($"$t{i}", LargeSite[i].Table);
            command.Parameters.AddWithValue($"$i{i}", LargeSite[i].Index);
            command.Parameters.AddWithValue($"$s{i}", LargeSite[i].Stat);
        }
        await command.ExecuteNonQueryAsync();
    }

    private Task<IReadOnlyList<(string Sql, string Plan)>> PlansOfPageAsync(string url) =>
        PlansOfAsync(async () => (await _reader.GetAsync(url)).EnsureSuccessStatusCode());

    private async Task<(string Mep, string Committee, string Topic)> SeedAsync()
    {
        var author = TestData.Author();
        var committee = TestData.Committee();
        var topic = TestData.Topic();
        for (var i = 0; i < 3; i++)
        {
            var article = TestData.Article(app, authors: author);
            article.Committees.Add(committee);
            article.Topics.Add(topic);
            await app.SaveAsync(article);
        }
        return (author.Slug, committee.Slug, topic.Slug);
    }

    private static string PlanOf(IEnumerable<(string Sql, string Plan)> plans, Func<string, bool> which) =>
        Assert.Single(plans, p => which(p.Sql)).Plan;

    [Fact]
    public async Task A_languages_list_counts_from_the_language_index_alone()
    {
        var (mep, committee, topic) = await SeedAsync();
        foreach (var url in new[] { "/", "/nl/", $"/meps/{mep}", $"/committees/{committee}", $"/topics/{topic}" })
        {
            var plans = await PlansOfPageAsync(url + (url.Contains('?') ? "&" : "?") + "page=1");
            var count = PlanOf(plans, sql => sql.Contains("COUNT(*)"));
            Assert.Contains("COVERING INDEX IX_Articles_Language_Status_PublishAt_Id_UnpublishAt (Language=? AND Status=?", count);
            // The page itself walks the same index in its order (no sort), reading only the rows it shows.
            var page = PlanOf(plans, sql => sql.Contains("LIMIT") && sql.Contains("\"Title\""));
            Assert.Contains("INDEX IX_Articles_Language_Status_PublishAt_Id_UnpublishAt (Language=? AND Status=?", page);
            // (The outer query sorts the ten rows it joined; the page itself is read in order.)
            var inner = page.Split('\n').TakeWhile(line => !line.StartsWith("SCAN ", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(inner, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.All(plans.Select(p => p.Plan), plan => Assert.DoesNotContain("SCAN a ", plan + " "));
        }
    }

    [Fact]
    public async Task The_pinned_statement_is_found_on_its_own_index_then_by_key()
    {
        await SeedAsync();
        var plans = await PlansOfPageAsync("/?page=1");

        var pinned = PlanOf(plans, sql => sql.Contains("\"PinnedAt\" IS NOT NULL") && !sql.Contains("UNION ALL"));
        Assert.Contains("USING INTEGER PRIMARY KEY", pinned);
        Assert.Contains("INDEX IX_Articles_PinnedAt", pinned);
    }

    [Fact]
    public async Task The_go_live_and_expiry_passes_and_the_next_change_read_a_few_index_entries()
    {
        await SeedAsync();
        var plans = await PlansOfAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Expiry>().RunAsync(CancellationToken.None);
            await app.WithDbAsync(db => PublishingSchedule.ComingChanges(db, app.Clock.GetUtcNow().UtcDateTime).MinAsync());
        });

        Assert.Contains("INDEX IX_Articles_Status_WentLiveAt_PublishAt (Status=? AND WentLiveAt=? AND PublishAt", PlanOf(plans, sql => sql.Contains("\"WentLiveAt\" IS NULL")));
        Assert.Contains("INDEX IX_Articles_Status_UnpublishAt (Status=? AND UnpublishAt<?)", PlanOf(plans, sql => sql.Contains("\"UnpublishAt\" <= @")));
        var next = PlanOf(plans, sql => sql.Contains("UNION ALL"));
        Assert.Contains("INDEX IX_Articles_Status_UnpublishAt (Status=? AND UnpublishAt>?)", next);
        Assert.DoesNotContain("SCAN", next);
    }

    [Fact]
    public async Task A_search_walks_its_matches_newest_first_and_checks_each_ones_language_on_the_small_index()
    {
        await SeedAsync();
        await WriteStatisticsOfALargeSiteAsync();
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + SqliteSearchIndex.MatchesSql;
        explain.Parameters.AddWithValue("$match", "\"energy\"");
        explain.Parameters.AddWithValue("$language", "nl");
        explain.Parameters.AddWithValue("$limit", 200);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // The match first, in FTS5's own order (no sort), then one look into the index per match, never the row.
        Assert.StartsWith("SCAN s VIRTUAL TABLE", plan[0]);
        Assert.Contains("SEARCH a USING COVERING INDEX IX_Articles_Id_Language (Id=? AND Language=?", plan[1]);
        Assert.Equal(2, plan.Count);
    }

    [Fact]
    public async Task The_app_writes_sqlites_statistics_a_minute_after_it_starts()
    {
        await using var fresh = new MepCmsFactory();
        await fresh.SaveAsync(TestData.Article(fresh));
        Assert.Equal(0, await StatisticsRowsAsync(fresh));

        fresh.Clock.Advance(SqliteStatistics.FirstRunAfter);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await StatisticsRowsAsync(fresh) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(await StatisticsRowsAsync(fresh) > 0);
    }

    private static async Task<long> StatisticsRowsAsync(MepCmsFactory factory)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            return 0;
        }
        command.CommandText = "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'Articles'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
