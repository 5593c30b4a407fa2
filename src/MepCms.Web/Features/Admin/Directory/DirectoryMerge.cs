using System.Linq.Expressions;
using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Shared;
using MepCms.Web.Features.Topics;
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
    public Task<MergeOutcome> MergeCommitteesAsync(int sourceId, int targetId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MergeAsync<Committee>(sourceId, targetId, user, AuditActions.CommitteeMerged, c => c.Code + " " + c.Name,
            a => a.Committees, a => a.Committees.Any(c => c.Id == sourceId), () => MoveMembershipsAsync(sourceId, targetId, cancellationToken), cancellationToken);

    public Task<MergeOutcome> MergeTopicsAsync(int sourceId, int targetId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MergeAsync<Topic>(sourceId, targetId, user, AuditActions.TopicMerged, t => t.Name,
            a => a.Topics, a => a.Topics.Any(t => t.Id == sourceId), () => Task.CompletedTask, cancellationToken);

    private async Task<MergeOutcome> MergeAsync<TEntry>(int sourceId, int targetId, ClaimsPrincipal user, string action,
        Func<TEntry, string> name, Expression<Func<Article, List<TEntry>>> tags, Expression<Func<Article, bool>> taggedWithSource,
        Func<Task> alsoMove, CancellationToken cancellationToken)
        where TEntry : class, IDirectoryEntry
    {
        var entries = db.Set<TEntry>();
        var pair = (await entries.AsNoTracking().Where(e => e.Id == sourceId || e.Id == targetId).ToListAsync(cancellationToken))
            .Select(e => new Entry(e.Id, name(e), e.IsActive, e.MergedIntoId)).ToList();
        return Refusal(pair, sourceId, targetId) ?? await InTransactionAsync(cancellationToken, async () =>
        {
            var articles = await db.Articles.Include(tags).Where(taggedWithSource).ToListAsync(cancellationToken);
            var target = await entries.SingleAsync(e => e.Id == targetId, cancellationToken);
            var list = tags.Compile();
            foreach (var article in articles)
            {
                list(article).RemoveAll(e => e.Id == sourceId);
                if (!list(article).Any(e => e.Id == targetId)) { list(article).Add(target); }
            }
            await alsoMove();
            await entries.Where(e => e.MergedIntoId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(e => e.MergedIntoId, targetId), cancellationToken);
            var source = await entries.SingleAsync(e => e.Id == sourceId, cancellationToken);
            (source.IsActive, source.MergedIntoId) = (false, targetId);
            Audit(user, action, sourceId, pair, targetId, articles.Count);
        });
    }

    // Memberships move to the target; where an MEP sat on both, the higher role stays.
    private async Task MoveMembershipsAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var memberships = await db.Set<CommitteeMembership>().Where(m => m.CommitteeId == sourceId || m.CommitteeId == targetId).ToListAsync(cancellationToken);
        foreach (var moved in memberships.Where(m => m.CommitteeId == sourceId))
        {
            db.Remove(moved);
            var kept = memberships.FirstOrDefault(m => m.CommitteeId == targetId && m.AuthorId == moved.AuthorId);
            if (kept is null) { db.Add(new CommitteeMembership { AuthorId = moved.AuthorId, CommitteeId = targetId, Role = moved.Role }); }
            else if (Rank(moved.Role) > Rank(kept.Role)) { kept.Role = moved.Role; }
        }
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
