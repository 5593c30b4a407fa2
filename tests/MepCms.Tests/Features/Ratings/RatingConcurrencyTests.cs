using MepCms.Tests.Support;
using MepCms.Web.Features.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Ratings;

/// <summary>
/// Many threads rating through the service at once, each with its own DbContext, as parallel
/// requests do: through SQLite's queued writer (the app's path on SQLite) and through the
/// transaction-per-vote store (the app's path on SQL Server), run here on SQLite.
/// </summary>
public abstract class RatingConcurrencyTests<TFactory>(TFactory app) : IClassFixture<TFactory> where TFactory : RatingsFactory
{
    [Fact]
    public async Task Two_hundred_parallel_votes_from_a_hundred_readers_count_each_reader_once()
    {
        var article = await app.PublishedArticleAsync();
        var visitors = ParallelVotes.Visitors(100);

        var results = await ParallelVotes.RunAsync(visitors, (visitor, score) => RateAsync(article.Slug, visitor, score));

        Assert.All(results, r => Assert.NotNull(r));
        await ParallelVotes.AssertStoredAsync(app, article.Id, visitors);
    }

    [Fact]
    public async Task A_hundred_parallel_votes_of_one_reader_count_once()
    {
        var article = await app.PublishedArticleAsync();
        var visitor = new VisitorVotes(VisitorIdentity.NewId(), Enumerable.Range(0, 100).Select(i => 1 + i % 5).ToArray());

        await ParallelVotes.RunAsync([visitor], (id, score) => RateAsync(article.Slug, id, score));

        await ParallelVotes.AssertStoredAsync(app, article.Id, [visitor]);
    }

    private async Task<RatingState?> RateAsync(string slug, string visitor, int score)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var hash = scope.ServiceProvider.GetRequiredService<VisitorIdentity>().Hash(visitor);
        return await scope.ServiceProvider.GetRequiredService<RatingService>().RateAsync(slug, hash, score);
    }
}

public sealed class QueuedRatingConcurrencyTests(RatingsFactory app) : RatingConcurrencyTests<RatingsFactory>(app);

public sealed class PerVoteRatingConcurrencyTests(PerVoteRatingsFactory app) : RatingConcurrencyTests<PerVoteRatingsFactory>(app);

/// <summary>A reader and the scores they send all at once.</summary>
public sealed record VisitorVotes(string Id, int[] Scores);

public static class ParallelVotes
{
    /// <summary>
    /// Readers for 200 votes: the first half send three different scores at the same moment,
    /// the second half one score each.
    /// </summary>
    public static VisitorVotes[] Visitors(int count) =>
        Enumerable.Range(0, count).Select(i => new VisitorVotes(VisitorIdentity.NewId(),
            i < count / 2 ? [1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 3) % 5] : [1 + i % 5])).ToArray();

    /// <summary>Starts every vote together (shuffled, released by one gate) and waits for all.</summary>
    public static async Task<T[]> RunAsync<T>(IEnumerable<VisitorVotes> visitors, Func<string, int, Task<T>> vote)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var votes = visitors.SelectMany(v => v.Scores.Select(s => (v.Id, Score: s))).OrderBy(_ => Random.Shared.Next()).ToList();
        var tasks = votes.Select(v => Task.Run(async () => { await gate.Task; return await vote(v.Id, v.Score); })).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>
    /// One rating per reader, worth one of the scores that reader sent (the one written last), and
    /// the article's count and sum equal to the Ratings table.
    /// </summary>
    public static async Task AssertStoredAsync(MepCmsFactory app, int articleId, IReadOnlyList<VisitorVotes> visitors)
    {
        var identity = app.Services.GetRequiredService<VisitorIdentity>();
        var scores = await app.WithDbAsync(db => Task.FromResult(db.Ratings.Where(r => db.Articles.Any(a => a.Id == articleId && a.StatementId == r.StatementId)).ToDictionary(r => r.VisitorHash, r => r.Score)));
        var stored = await app.StoredRatingsAsync(articleId);

        Assert.Equal(visitors.Count, stored.Rows);
        Assert.Equal(stored.Rows, stored.Count);
        Assert.Equal(stored.RowSum, stored.Sum);
        Assert.All(visitors, v => Assert.Contains(scores[identity.Hash(v.Id)], v.Scores));
        Assert.Equal(visitors.Sum(v => (long)scores[identity.Hash(v.Id)]), stored.Sum);
    }
}
