using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Ratings;

/// <summary>A statement's rating aggregate as one reader sees it.</summary>
public sealed record RatingState(RatingSummary Summary, int? YourScore);

/// <summary>
/// Stores readers' scores. The aggregate on the article (count and sum) changes in the same short
/// transaction as the rating (<see cref="IRatingStore"/>), so parallel votes never lose an update
/// and the aggregate always equals the Ratings table. Only public statements can be rated.
/// </summary>
public sealed class RatingService(MepCmsDbContext db, IRatingStore store, TimeProvider clock, IPublicCache cache, ILogger<RatingService> logger)
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

        var summary = await store.StoreAsync(new RatingVote(id, visitorHash, score, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (summary is null)
        {
            return null;
        }
        await cache.RatingChangedAsync(id, cancellationToken);
        logger.LogDebug("Stored a rating of statement {ArticleId}", id);
        return new RatingState(summary.Value, score);
    }
}
