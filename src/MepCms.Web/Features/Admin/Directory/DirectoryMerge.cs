using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Authors;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Directory;

/// <summary>
/// Folds one committee or topic into another: every statement tagged with the first is tagged with
/// the second, committee memberships move (the higher role wins where an MEP sat on both), and the
/// first is retired with a pointer to the second so its public pages answer 301. One transaction,
/// then the public cache is evicted.
/// </summary>
public sealed class DirectoryMerge(MepCmsDbContext db, IPublicCache cache, TimeProvider clock)
{
    public async Task<MergeOutcome> MergeCommitteesAsync(int sourceId, int targetId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var pair = await db.Committees.AsNoTracking().Where(c => c.Id == sourceId || c.Id == targetId)
            .Select(c => new Entry(c.Id, c.Code + " " + c.Name, c.IsActive, c.MergedIntoId)).ToListAsync(cancellationToken);
        return Refusal(pair, sourceId, targetId) ?? await InTransactionAsync(cancellationToken, async () =>
        {
            var articles = await db.Articles.Include(a => a.Committees).Where(a => a.Committees.Any(c => c.Id == sourceId)).ToListAsync(cancellationToken);
            var target = await db.Committees.SingleAsync(c => c.Id == targetId, cancellationToken);
            foreach (var article in articles)
            {
                article.Committees.RemoveAll(c => c.Id == sourceId);
                if (!article.Committees.Any(c => c.Id == targetId)) { article.Committees.Add(target); }
            }
            var memberships = await db.Set<CommitteeMembership>().Where(m => m.CommitteeId == sourceId || m.CommitteeId == targetId).ToListAsync(cancellationToken);
            foreach (var moved in memberships.Where(m => m.CommitteeId == sourceId))
            {
                db.Remove(moved);
                var kept = memberships.FirstOrDefault(m => m.CommitteeId == targetId && m.AuthorId == moved.AuthorId);
                if (kept is null) { db.Add(new CommitteeMembership { AuthorId = moved.AuthorId, CommitteeId = targetId, Role = moved.Role }); }
                else if (Rank(moved.Role) > Rank(kept.Role)) { kept.Role = moved.Role; }
            }
            await db.Committees.Where(c => c.MergedIntoId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, targetId), cancellationToken);
            var source = await db.Committees.SingleAsync(c => c.Id == sourceId, cancellationToken);
            (source.IsActive, source.MergedIntoId) = (false, targetId);
            Audit(user, "Committee.Merged", sourceId, pair, targetId, articles.Count);
        });
    }

    public async Task<MergeOutcome> MergeTopicsAsync(int sourceId, int targetId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var pair = await db.Topics.AsNoTracking().Where(t => t.Id == sourceId || t.Id == targetId)
            .Select(t => new Entry(t.Id, t.Name, t.IsActive, t.MergedIntoId)).ToListAsync(cancellationToken);
        return Refusal(pair, sourceId, targetId) ?? await InTransactionAsync(cancellationToken, async () =>
        {
            var articles = await db.Articles.Include(a => a.Topics).Where(a => a.Topics.Any(t => t.Id == sourceId)).ToListAsync(cancellationToken);
            var target = await db.Topics.SingleAsync(t => t.Id == targetId, cancellationToken);
            foreach (var article in articles)
            {
                article.Topics.RemoveAll(t => t.Id == sourceId);
                if (!article.Topics.Any(t => t.Id == targetId)) { article.Topics.Add(target); }
            }
            await db.Topics.Where(t => t.MergedIntoId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(t => t.MergedIntoId, targetId), cancellationToken);
            var source = await db.Topics.SingleAsync(t => t.Id == sourceId, cancellationToken);
            (source.IsActive, source.MergedIntoId) = (false, targetId);
            Audit(user, "Topic.Merged", sourceId, pair, targetId, articles.Count);
        });
    }

    /// <summary>Chair, vice-chair, full member, substitute: the enum's order is its storage order, not this one.</summary>
    private static int Rank(CommitteeRole role) => role switch
    {
        CommitteeRole.Chair => 3, CommitteeRole.ViceChair => 2, CommitteeRole.Member => 1, _ => 0,
    };

    private sealed record Entry(int Id, string Name, bool IsActive, int? MergedIntoId);

    private static MergeOutcome? Refusal(List<Entry> pair, int sourceId, int targetId)
    {
        var (source, target) = (pair.Find(e => e.Id == sourceId), pair.Find(e => e.Id == targetId));
        return source is null ? MergeOutcome.Missing
            : sourceId == targetId ? MergeOutcome.Refused("An entry cannot be merged into itself: choose another one.")
            : source.MergedIntoId is not null ? MergeOutcome.Refused($"{source.Name} was already merged.")
            : target is null || !target.IsActive || target.MergedIntoId is not null ? MergeOutcome.Refused("Choose an active entry to merge into.")
            : null;
    }

    private void Audit(ClaimsPrincipal user, string action, int sourceId, List<Entry> pair, int targetId, int statements) =>
        db.Record(user, clock.GetUtcNow().UtcDateTime, action, action.Split('.')[0], sourceId,
            $"{pair.Single(e => e.Id == sourceId).Name} merged into {pair.Single(e => e.Id == targetId).Name} (#{targetId}); {statements} statements retagged");

    private Task<MergeOutcome> InTransactionAsync(CancellationToken cancellationToken, Func<Task> merge) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await merge();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await cache.EvictAllAsync(cancellationToken);
            return MergeOutcome.Merged;
        });
}

/// <summary>A merge made, refused with a reason for the user, or naming an entry that does not exist.</summary>
public sealed record MergeOutcome(bool IsMissing, string? Refusal)
{
    public static readonly MergeOutcome Merged = new(false, null);
    public static readonly MergeOutcome Missing = new(true, null);
    public static MergeOutcome Refused(string reason) => new(false, reason);
}
