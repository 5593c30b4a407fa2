using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Ratings;

/// <summary>A statement's rating aggregate as one reader sees it.</summary>
public sealed record RatingState(RatingSummary Summary, int? YourScore);

/// <summary>
/// Stores readers' scores. The aggregate on the article (count and sum) changes in the same short
/// transaction as the rating, with set-based SQL only, so parallel votes never lose an update and
/// the aggregate always equals the Ratings table. Only public statements can be rated.
/// </summary>
public sealed class RatingService(MepCmsDbContext db, SqliteWriteGate writeGate, TimeProvider clock, IPublicCache cache, ILogger<RatingService> logger)
{
    public async Task<RatingState?> FindAsync(string slug, string? visitorHash, CancellationToken cancellationToken = default)
    {
        var found = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.RatingCount,
                a.RatingSum,
                Yours = db.Ratings.Where(r => r.ArticleId == a.Id && r.VisitorHash == visitorHash).Select(r => (int?)r.Score).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new RatingState(new RatingSummary(found.RatingCount, found.RatingSum), found.Yours);
    }

    /// <summary>Records the reader's score, replacing an earlier one. Null when the statement is not public.</summary>
    public async Task<RatingState?> RateAsync(string slug, string visitorHash, int score, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, Rating.MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, Rating.MaxScore);
        var articleId = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (articleId is not { } id)
        {
            return null;
        }

        // SQL Server retries transient failures (EnableRetryOnFailure): the whole transaction is the unit it repeats.
        RatingSummary? summary;
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            summary = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => StoreAsync(id, visitorHash, score, cancellationToken));
        }
        if (summary is null)
        {
            return null;
        }
        await cache.RatingChangedAsync(id, cancellationToken);
        logger.LogDebug("Stored a rating of statement {ArticleId}", id);
        return new RatingState(summary.Value, score);
    }

    private async Task<RatingSummary?> StoreAsync(int articleId, string visitorHash, int score, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
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
