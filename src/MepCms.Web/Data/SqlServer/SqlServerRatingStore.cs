using MepCms.Web.Features.Ratings;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.SqlServer;

/// <summary>
/// Rating writes on SQL Server: one vote per transaction through EF Core, with set-based SQL only,
/// so parallel votes never lose an update and the aggregate always equals the Ratings table. Row
/// locks let the votes of different statements run side by side (docs/decisions/0068).
/// </summary>
public sealed class SqlServerRatingStore(MepCmsDbContext db) : IRatingStore
{
    // Transient failures are retried (EnableRetryOnFailure): the whole transaction is the unit repeated.
    public Task<RatingSummary?> StoreAsync(RatingVote vote, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => StoreOnceAsync(vote, cancellationToken));

    private async Task<RatingSummary?> StoreOnceAsync(RatingVote vote, CancellationToken cancellationToken)
    {
        var (statementId, visitorHash, score, now) = vote;
        var statement = db.Statements.Where(s => s.Id == statementId);
        var mine = db.Ratings.Where(r => r.StatementId == statementId && r.VisitorHash == visitorHash);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Take the statement row's write lock first (a no-op update), so the rating writes of one
            // statement run one after another and the earlier score read below is still the stored
            // one when the sum is corrected.
            if (await statement.ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingCount, a => a.RatingCount), cancellationToken) == 0)
            {
                return null;
            }
            var previous = await mine.Select(r => (int?)r.Score).FirstOrDefaultAsync(cancellationToken);
            try
            {
                if (previous is { } old)
                {
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Score, score).SetProperty(r => r.UpdatedAt, now), cancellationToken);
                    await statement.ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingSum, a => a.RatingSum + (score - old)), cancellationToken);
                }
                else
                {
                    db.Ratings.Add(new Rating { StatementId = statementId, VisitorHash = visitorHash, Score = score, CreatedAt = now, UpdatedAt = now });
                    await db.SaveChangesAsync(cancellationToken);
                    await statement.ExecuteUpdateAsync(s => s
                        .SetProperty(a => a.RatingCount, a => a.RatingCount + 1)
                        .SetProperty(a => a.RatingSum, a => a.RatingSum + score), cancellationToken);
                }
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The unique (StatementId, VisitorHash) index refused a second first vote of the same
                // reader that slipped past the lock: start again, and this time it is an update.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            var totals = await statement.Select(a => new { a.RatingCount, a.RatingSum }).FirstAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new RatingSummary(totals.RatingCount, totals.RatingSum);
        }
    }
}
