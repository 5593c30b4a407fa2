using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Ratings;

/// <summary>One reader's score of one statement, on its way to the database.</summary>
public sealed record RatingVote(int ArticleId, string VisitorHash, int Score, DateTime UtcNow);

/// <summary>
/// Stores a vote and the statement's aggregate in one transaction. Null when the statement is
/// gone. On SQLite the votes of many readers share a transaction (<see cref="SqliteRatingWriter"/>);
/// on SQL Server each vote is its own (<see cref="EfRatingStore"/>), since row locks let them run side by side.
/// </summary>
public interface IRatingStore
{
    Task<RatingSummary?> StoreAsync(RatingVote vote, CancellationToken cancellationToken);
}

/// <summary>
/// One vote per transaction through EF Core, with set-based SQL only, so parallel votes never lose
/// an update and the aggregate always equals the Ratings table.
/// </summary>
public sealed class EfRatingStore(MepCmsDbContext db, SqliteWriteGate writeGate) : IRatingStore
{
    public async Task<RatingSummary?> StoreAsync(RatingVote vote, CancellationToken cancellationToken)
    {
        // SQL Server retries transient failures (EnableRetryOnFailure): the whole transaction is the unit it repeats.
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(() => StoreOnceAsync(vote, cancellationToken));
        }
    }

    private async Task<RatingSummary?> StoreOnceAsync(RatingVote vote, CancellationToken cancellationToken)
    {
        var (articleId, visitorHash, score, now) = vote;
        var article = db.Articles.Where(a => a.Id == articleId);
        var mine = db.Ratings.Where(r => r.ArticleId == articleId && r.VisitorHash == visitorHash);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Take the article row's write lock first (a no-op update; SQLite locks the whole file),
            // so the rating writes of one statement run one after another and the earlier score read
            // below is still the stored one when the sum is corrected.
            if (await article.ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingCount, a => a.RatingCount), cancellationToken) == 0)
            {
                return null;
            }
            var previous = await mine.Select(r => (int?)r.Score).FirstOrDefaultAsync(cancellationToken);
            try
            {
                if (previous is { } old)
                {
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Score, score).SetProperty(r => r.UpdatedAt, now), cancellationToken);
                    await article.ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingSum, a => a.RatingSum + (score - old)), cancellationToken);
                }
                else
                {
                    db.Ratings.Add(new Rating { ArticleId = articleId, VisitorHash = visitorHash, Score = score, CreatedAt = now, UpdatedAt = now });
                    await db.SaveChangesAsync(cancellationToken);
                    await article.ExecuteUpdateAsync(s => s
                        .SetProperty(a => a.RatingCount, a => a.RatingCount + 1)
                        .SetProperty(a => a.RatingSum, a => a.RatingSum + score), cancellationToken);
                }
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The unique (ArticleId, VisitorHash) index refused a second first vote of the same
                // reader that slipped past the lock: start again, and this time it is an update.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            var totals = await article.Select(a => new { a.RatingCount, a.RatingSum }).FirstAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new RatingSummary(totals.RatingCount, totals.RatingSum);
        }
    }
}
