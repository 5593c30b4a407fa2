using System.Globalization;
using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Ratings;

/// <summary>A statement's rating aggregate as one reader sees it.</summary>
public sealed record RatingState(RatingSummary Summary, int? YourScore);

/// <summary>One reader's score of one statement, on its way to the database.</summary>
public sealed record RatingVote(int StatementId, string VisitorHash, int Score, DateTime UtcNow);

/// <summary>
/// Stores a vote and the statement's aggregate in one transaction; null when the statement is gone.
/// Each provider has its own, in its folder under Data/, chosen in DatabaseSetup.
/// </summary>
public interface IRatingStore
{
    Task<RatingSummary?> StoreAsync(RatingVote vote, CancellationToken cancellationToken);
}

/// <summary>
/// Readers' scores and the aggregate they make. The aggregate on the statement (count and sum)
/// changes in the same transaction as the ratings (<see cref="IRatingStore"/>, or a removal here),
/// so it always equals the Ratings table. A score belongs to the statement, not to the language
/// version it was given on: every version shows the same figures. Only public versions can be rated.
/// </summary>
public sealed class RatingService(MepCmsDbContext db, IRatingStore store, TimeProvider clock, IPublicCache cache, RatingFigures figures, ILogger<RatingService> logger)
{
    public async Task<RatingState?> FindAsync(string slug, string? visitorHash, CancellationToken cancellationToken = default)
    {
        var found = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Statement.RatingCount,
                a.Statement.RatingSum,
                Yours = db.Ratings.Where(r => r.StatementId == a.StatementId && r.VisitorHash == visitorHash).Select(r => (int?)r.Score).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new RatingState(new RatingSummary(found.RatingCount, found.RatingSum), found.Yours);
    }

    /// <summary>Records the reader's score, replacing an earlier one. Null when the statement is not public.</summary>
    public async Task<RatingState?> RateAsync(string slug, string visitorHash, int score, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, Rating.MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, Rating.MaxScore);
        var statementId = await db.Articles.AsNoTracking().Visible(clock)
            .Where(a => a.Slug == slug).Select(a => (int?)a.StatementId).FirstOrDefaultAsync(cancellationToken);
        if (statementId is not { } id)
        {
            return null;
        }

        var summary = await store.StoreAsync(new RatingVote(id, visitorHash, score, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (summary is null)
        {
            return null;
        }
        await figures.ChangedAsync(id, cancellationToken);
        logger.LogDebug("Stored a rating of statement {StatementId}", id);
        return new RatingState(summary.Value, score);
    }

    /// <summary>
    /// Deletes one statement's ratings made in [<paramref name="from"/>, <paramref name="to"/>) (vote
    /// stuffing), on all its versions, and recomputes its aggregate from what remains, audited
    /// against the version named, in one transaction. Returns how many were removed.
    /// </summary>
    public async Task<int> RemoveAsync(int articleId, DateTime from, DateTime to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var statementId = await db.Articles.Where(a => a.Id == articleId).Select(a => a.StatementId).SingleAsync(cancellationToken);
        var removed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var deleted = await db.Ratings.Where(r => r.StatementId == statementId && r.CreatedAt >= from && r.CreatedAt < to).ExecuteDeleteAsync(cancellationToken);
            var remaining = db.Ratings.Where(r => r.StatementId == statementId);
            var count = await remaining.CountAsync(cancellationToken);
            var sum = await remaining.SumAsync(r => (long)r.Score, cancellationToken);
            await db.Statements.Where(s => s.Id == statementId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RatingCount, count).SetProperty(x => x.RatingSum, sum), cancellationToken);
            db.Record(user, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleRatingsRemoved, "Article", articleId,
                string.Create(CultureInfo.InvariantCulture, $"Removed {deleted} ratings made from {from:u} to {to:u}; now {count} ratings, sum {sum}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        });
        await cache.EvictAsync(ArticleCacheTags.PagesShowing(statementId), cancellationToken);
        return removed;
    }
}
