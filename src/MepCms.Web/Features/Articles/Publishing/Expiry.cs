using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles.Publishing;

public enum ExpiryOutcome { Done, NotFound, NotPublished, NotInFuture, BeforePublishTime }

/// <summary>
/// A statement's unpublish time: set and cancelled by editors, and reached — the statement leaves
/// the public site at that minute (the visibility rule already hides it), and one instance claims
/// the change: status Unpublished, audit entry, pages evicted, exactly once across instances, like
/// a go-live (docs/decisions/0170).
/// </summary>
public sealed class Expiry(MepCmsDbContext db, PublicationEvents events, TimeProvider clock, ILogger<Expiry> logger)
{
    private const int BatchSize = 50;

    public async Task<ExpiryOutcome> SetAsync(int articleId, DateTime? unpublishAtUtc, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return ExpiryOutcome.NotFound;
        }
        if (article.Status != ArticleStatus.Published)
        {
            return ExpiryOutcome.NotPublished;
        }
        if (unpublishAtUtc is { } at && at <= now)
        {
            return ExpiryOutcome.NotInFuture;
        }
        if (unpublishAtUtc is { } end && article.PublishAt is { } start && end <= start)
        {
            return ExpiryOutcome.BeforePublishTime;
        }
        article.UnpublishAt = unpublishAtUtc;
        db.Record(user, now, unpublishAtUtc is null ? AuditActions.ArticleExpiryCancelled : AuditActions.ArticleExpiryScheduled, "Article", articleId,
            unpublishAtUtc is { } time ? $"To be unpublished at {BrusselsTime.DateTimeText(time)} Brussels time" : "Unpublish time cancelled");
        await db.SaveChangesAsync(cancellationToken);
        await events.RaiseAsync(new PublicationChanged(articleId, PublicationChange.Edited), cancellationToken);
        return ExpiryOutcome.Done;
    }

    /// <summary>Takes the statements whose unpublish time has come off the site; returns how many this instance took.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.UnpublishAt <= now)
            .OrderBy(a => a.UnpublishAt).Select(a => new { a.Id, a.Slug }).Take(BatchSize).ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var article in due)
        {
            if (await TryClaimAsync(article.Id, article.Slug, now, cancellationToken))
            {
                taken++;
                logger.LogInformation("Statement {ArticleId} reached its unpublish time", article.Id);
                await events.RaiseAsync(new PublicationChanged(article.Id, PublicationChange.Unpublished), cancellationToken);
            }
        }
        return taken;
    }

    // The status change and the audit entry in one transaction: whichever instance updates the row wins.
    private Task<bool> TryClaimAsync(int articleId, string slug, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var won = await db.Articles.Where(a => a.Id == articleId && a.Status == ArticleStatus.Published && a.UnpublishAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished).SetProperty(a => a.WentLiveAt, (DateTime?)null)
                    .SetProperty(a => a.PinnedAt, (DateTime?)null).SetProperty(a => a.PinnedUntil, (DateTime?)null), cancellationToken) == 1;
            if (!won)
            {
                return false;
            }
            db.Record(null, "system", now, AuditActions.ArticleExpired, "Article", articleId, $"Statement /articles/{slug} reached its unpublish time");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
}
