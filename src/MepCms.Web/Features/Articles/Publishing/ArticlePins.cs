using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles.Publishing;

public enum PinOutcome { Done, NotFound, NotPublic, EndPassed }

/// <summary>
/// One statement at a time stands pinned at the top of the home page, until an optional end
/// (the schedule evicts the lists then) or until unpinned, unpublished or rescheduled. Pinning
/// another unpins the first; each is audited and evicts the lists like any public change.
/// </summary>
public sealed class ArticlePins(MepCmsDbContext db, PublicationEvents events, TimeProvider clock)
{
    /// <summary>
    /// The pin in force now among <paramref name="visible"/> (pinned, public, its end not passed).
    /// One statement at a time is pinned, so the newest pin is found first on its own index and
    /// then looked up by key: asked together, SQLite's planner walks a language's whole list
    /// (decision 0300).
    /// </summary>
    public static IQueryable<Article> InForce(IQueryable<Article> visible, IQueryable<Article> all, DateTime now) =>
        visible.Where(a => a.Id == all.Where(p => p.PinnedAt != null).OrderByDescending(p => p.PinnedAt).Select(p => p.Id).FirstOrDefault()
                           && (a.PinnedUntil == null || a.PinnedUntil > now));

    public async Task<PinOutcome> PinAsync(int articleId, DateTime? untilUtc, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (untilUtc is { } end && end <= now)
        {
            return PinOutcome.EndPassed;
        }
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken))
        {
            return PinOutcome.NotFound;
        }
        if (!await db.Articles.VisibleAt(now).AnyAsync(a => a.Id == articleId, cancellationToken))
        {
            return PinOutcome.NotPublic;
        }
        var unpinned = await ChangeAsync(articleId, now, untilUtc, user, cancellationToken);
        foreach (var id in unpinned.Append(articleId))
        {
            await events.RaiseAsync(new PublicationChanged(id, PublicationChange.Edited), cancellationToken);
        }
        return PinOutcome.Done;
    }

    public async Task<bool> UnpinAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unpinned = await db.Articles.Where(a => a.Id == articleId && a.PinnedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PinnedAt, (DateTime?)null).SetProperty(a => a.PinnedUntil, (DateTime?)null), cancellationToken);
        if (unpinned == 0)
        {
            return false;
        }
        db.Record(user, now, AuditActions.ArticleUnpinned, "Article", articleId, "Unpinned from the home page");
        await db.SaveChangesAsync(cancellationToken);
        await events.RaiseAsync(new PublicationChanged(articleId, PublicationChange.Edited), cancellationToken);
        return true;
    }

    // The others unpinned and this one pinned, with its audit entry: all or nothing.
    private Task<List<int>> ChangeAsync(int articleId, DateTime now, DateTime? until, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var unpinned = await db.Articles.Where(a => a.PinnedAt != null && a.Id != articleId).Select(a => a.Id).ToListAsync(cancellationToken);
            await db.Articles.Where(a => unpinned.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PinnedAt, (DateTime?)null).SetProperty(a => a.PinnedUntil, (DateTime?)null), cancellationToken);
            await db.Articles.Where(a => a.Id == articleId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PinnedAt, now).SetProperty(a => a.PinnedUntil, until), cancellationToken);
            db.Record(user, now, AuditActions.ArticlePinned, "Article", articleId,
                until is { } end ? $"Pinned to the home page until {BrusselsTime.DateTimeText(end)} Brussels time" : "Pinned to the home page");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return unpinned;
        });
}
