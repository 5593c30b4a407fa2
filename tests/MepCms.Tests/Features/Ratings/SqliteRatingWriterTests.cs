using MepCms.Tests.Support;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Features.Ratings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Ratings;

/// <summary>
/// SQLite's rating writer: votes that wait together are stored by one transaction, a vote whose
/// statement is gone fails alone, and a batch that fails stores none of its votes.
/// </summary>
public sealed class SqliteRatingWriterTests(RatingsFactory app) : IClassFixture<RatingsFactory>
{
    private SqliteRatingWriter Writer => app.Services.GetRequiredService<SqliteRatingWriter>();

    [Fact]
    public async Task Votes_waiting_for_the_database_are_stored_together_in_one_transaction()
    {
        var article = await app.PublishedArticleAsync();
        var visitors = ParallelVotes.Visitors(40);
        var before = Writer.BatchesWritten;

        RatingState?[] results;
        await using (var other = await HoldWriteLockAsync())
        {
            var votes = ParallelVotes.RunAsync(visitors, (visitor, score) => RateAsync(article.Slug, visitor, score));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(votes.IsCompleted);
            await other.RollbackAsync();
            results = await votes;
        }

        Assert.All(results, r => Assert.NotNull(r));
        // The first batch may hold the votes that reached the writer before it met the lock; every
        // other vote waited and went into the next one.
        Assert.InRange(Writer.BatchesWritten - before, 1, 2);
        await ParallelVotes.AssertStoredAsync(app, article.Id, visitors);
    }

    [Fact]
    public async Task A_vote_for_a_statement_that_is_gone_fails_alone_and_its_batch_is_stored()
    {
        var article = await app.PublishedArticleAsync();
        var hash = Hash(VisitorIdentity.NewId());
        var now = app.Clock.GetUtcNow().UtcDateTime;

        Task<RatingSummary?> stored, gone;
        await using (var other = await HoldWriteLockAsync())
        {
            stored = Writer.StoreAsync(new RatingVote(article.Id, hash, 4, now), CancellationToken.None);
            gone = Writer.StoreAsync(new RatingVote(int.MaxValue, hash, 2, now), CancellationToken.None);
            await other.RollbackAsync();
        }

        Assert.Equal(new RatingSummary(1, 4), await stored);
        Assert.Null(await gone);
        var ratings = await app.StoredRatingsAsync(article.Id);
        Assert.Equal((1, 4L, 1, 4L), (ratings.Count, ratings.Sum, ratings.Rows, ratings.RowSum));
    }

    [Fact]
    public async Task A_batch_that_fails_stores_none_of_its_votes_and_the_next_batch_is_written()
    {
        var article = await app.PublishedArticleAsync();
        // A trigger refusing every score of 4 makes the batch holding such a vote fail part-way through.
        await ExecuteAsync("CREATE TRIGGER test_refuse_four BEFORE INSERT ON Ratings WHEN NEW.Score = 4 BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var scores = new[] { 3, 5, 4, 1, 2 };

        Task<RatingSummary?>[] votes;
        await using (var other = await HoldWriteLockAsync())
        {
            votes = scores.Select(score => Writer.StoreAsync(new RatingVote(article.Id, Hash(VisitorIdentity.NewId()), score, now), CancellationToken.None)).ToArray();
            await other.RollbackAsync();
        }
        var outcomes = await Task.WhenAll(votes.Select(async v => { try { return await v; } catch (SqliteException) { return (RatingSummary?)new RatingSummary(-1, 0); } }));
        await ExecuteAsync("DROP TRIGGER test_refuse_four;");

        var refused = scores.Zip(outcomes).Where(x => x.Second is { Count: -1 }).Select(x => x.First).ToList();
        var accepted = scores.Zip(outcomes).Where(x => x.Second is { Count: >= 0 }).Select(x => x.First).ToList();
        Assert.Contains(4, refused);
        var ratings = await app.StoredRatingsAsync(article.Id);
        Assert.Equal(accepted.Count, ratings.Rows);
        Assert.Equal(accepted.Sum(), ratings.RowSum);
        Assert.Equal((ratings.Rows, ratings.RowSum), (ratings.Count, ratings.Sum));

        var next = await Writer.StoreAsync(new RatingVote(article.Id, Hash(VisitorIdentity.NewId()), 4, now), CancellationToken.None);
        Assert.Equal(new RatingSummary(accepted.Count + 1, accepted.Sum() + 4), next);
    }

    private async Task<RatingState?> RateAsync(string slug, string visitor, int score)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RatingService>().RateAsync(slug, Hash(visitor), score);
    }

    private string Hash(string visitor) => app.Services.GetRequiredService<VisitorIdentity>().Hash(visitor);

    /// <summary>Another connection holding SQLite's write lock until it is rolled back.</summary>
    private async Task<HeldLock> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        // BEGIN IMMEDIATE: the write lock is taken now, not at the first write.
        var transaction = connection.BeginTransaction(deferred: false);
        return new HeldLock(connection, transaction);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class HeldLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public Task RollbackAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
