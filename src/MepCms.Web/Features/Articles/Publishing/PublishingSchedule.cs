using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles.Publishing;

/// <summary>
/// Knows when the next scheduled statement goes live (or a pin ends, or a statement's unpublish
/// time comes), so a cached page never outlives it. The time
/// is read with one indexed query and kept in memory until a statement changes; the first public
/// request at or after it raises <see cref="PublicationChange.ScheduledTimeReached"/> (the cache
/// evicts every list), with the app's own clock (the output cache's clock cannot be injected).
/// </summary>
public sealed class PublishingSchedule(IServiceScopeFactory scopes, PublicationEvents events, TimeProvider clock, ILogger<PublishingSchedule> logger)
    : IPublicPageLifetime, IPublicationListener
{
    private static readonly DateTime None = DateTime.MaxValue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private const long Unknown = 0;
    // Ticks of the next go-live, read and written atomically (a DateTime? could tear).
    private long _nextTicks = Unknown;
    private long _changes;

    /// <summary>Forget the known time: a statement was scheduled, rescheduled or withdrawn.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _changes);
        Interlocked.Exchange(ref _nextTicks, Unknown);
    }

    // A change this schedule raised itself moves no publish time.
    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken)
    {
        if (change.Change != PublicationChange.ScheduledTimeReached)
        {
            Forget();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// How long a public response may stay cached from now: until the next go-live at most.
    /// Raises the time's passing first when a statement has gone live since pages were cached.
    /// </summary>
    public async ValueTask<TimeSpan> TimeUntilNextChangeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var next = Next;
        if (next is null || next <= now)
        {
            next = await RefreshAsync(now, cancellationToken);
        }
        return next == None ? TimeSpan.MaxValue : next.Value - now;
    }

    /// <summary>
    /// The times at which the public pages change by themselves: go-lives, pin ends, unpublish
    /// times and scheduled updates still to come. One statement (UNION ALL), each branch on its own index.
    /// </summary>
    internal static IQueryable<DateTime?> ComingChanges(MepCmsDbContext db, DateTime now)
    {
        var articles = db.Articles.AsNoTracking();
        return articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now).Select(a => a.PublishAt)
            .Concat(articles.Where(a => a.PinnedAt != null && a.PinnedUntil > now).Select(a => a.PinnedUntil))
            .Concat(articles.Where(a => a.Status == ArticleStatus.Published && a.UnpublishAt > now).Select(a => a.UnpublishAt))
            .Concat(db.ScheduledUpdates.AsNoTracking().Where(u => u.At > now).Select(u => (DateTime?)u.At));
    }

    private DateTime? Next => Interlocked.Read(ref _nextTicks) is var ticks and not Unknown ? new DateTime(ticks, DateTimeKind.Utc) : null;

    private async Task<DateTime> RefreshAsync(DateTime now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Next is { } known && known > now)
            {
                return known;
            }
            if (Next is { } passed && passed != None)
            {
                logger.LogInformation("A statement scheduled for {GoLive:o} is live; evicting cached lists", passed);
                await events.RaiseAsync(new PublicationChanged(null, PublicationChange.ScheduledTimeReached), cancellationToken);
            }
            var changes = Interlocked.Read(ref _changes);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
            var next = await ComingChanges(db, now).MinAsync(cancellationToken) ?? None;
            if (changes != Interlocked.Read(ref _changes))
            {
                // A change saved while the query ran may have moved the time: this response is
                // not stored (zero time left), and the next request asks again.
                Interlocked.Exchange(ref _nextTicks, Unknown);
                return now;
            }
            Interlocked.Exchange(ref _nextTicks, next.Ticks);
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }
}
