using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles.Publishing;

/// <summary>
/// A statement going live (its publish time passed): an audit entry is written and
/// <see cref="PublicationChange.WentLive"/> raised, exactly once across all instances. Several
/// instances may find the same statement due; the conditional UPDATE of
/// <see cref="Article.WentLiveAt"/> lets only one of them win it (docs/decisions).
/// </summary>
internal sealed class GoLive(MepCmsDbContext db, PublicationEvents events, IEnumerable<IGoLiveParticipant> participants, TimeProvider clock, ILogger<GoLive> logger)
{
    public const string AuditAction = AuditActions.ArticleWentLive;
    private const int BatchSize = 50;

    /// <summary>
    /// Handles the statements due now, a batch at a time until none is left (after an outage hundreds may
    /// be due at once: they all go live in this pass, not 50 a period); returns how many this instance took live.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Articles.AsNoTracking().VisibleAt(now).Where(a => a.WentLiveAt == null)
                .OrderBy(a => a.PublishAt).Select(a => new { a.Id, a.Slug }).Take(BatchSize)
                .ToListAsync(cancellationToken);
            var takenNow = 0;
            foreach (var article in due)
            {
                if (!await TryClaimAsync(article.Id, article.Slug, now, cancellationToken))
                {
                    continue; // another instance won it
                }
                takenNow++;
                logger.LogInformation("Statement {ArticleId} went live", article.Id);
                // After the commit, and not retried: if the cache does not answer, its entries expire on their own.
                await events.RaiseAsync(new PublicationChanged(article.Id, PublicationChange.WentLive), cancellationToken);
            }
            taken += takenNow;
            // A short batch was the last; a full one the other instances took entirely leaves them the rest.
            if (due.Count < BatchSize || takenNow == 0)
            {
                return taken;
            }
        }
    }

    // The marker and the audit entry are written in one transaction: either both or neither.
    private Task<bool> TryClaimAsync(int articleId, string slug, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var won = await db.Articles.VisibleAt(now)
                .Where(a => a.Id == articleId && a.WentLiveAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.WentLiveAt, now), cancellationToken) == 1;
            if (!won)
            {
                return false;
            }
            foreach (var participant in participants)
            {
                await participant.OnGoingLiveAsync(new GoingLive(articleId, now, db), cancellationToken);
            }
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = "system", Action = AuditAction, EntityType = nameof(Article),
                EntityId = articleId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Summary = $"Statement /articles/{slug} went live",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
}

/// <summary>A statement going live, inside the transaction that claims it.</summary>
public sealed record GoingLive(int ArticleId, DateTime At, MepCmsDbContext Db);

/// <summary>
/// Work that must be done exactly when a statement goes live, and only then: it runs inside the
/// transaction that claims the go-live, so it is committed with the claim or not at all (e-mail
/// alerts write their outbox rows here). Listeners of <see cref="PublicationChanged"/> run after it.
/// </summary>
public interface IGoLiveParticipant
{
    Task OnGoingLiveAsync(GoingLive live, CancellationToken cancellationToken);
}

/// <summary>
/// Wakes the go-live pass at once: a statement published now goes live (and queues its alerts)
/// moments after the publish request has answered, not at the next period.
/// </summary>
public sealed class GoLiveSignal : Infrastructure.Scheduling.WakeSignal;

/// <summary>Runs <see cref="GoLive"/>, <see cref="Expiry"/> and <see cref="ScheduledUpdates"/> at start, every <see cref="Period"/> and when woken, on every instance.</summary>
internal sealed class GoLiveService(IServiceScopeFactory scopes, GoLiveSignal signal, TimeProvider clock, ILogger<GoLiveService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        Task<bool>? tick = null;
        Task? wake = null;
        try
        {
            while (true)
            {
                await RunOnceAsync(stoppingToken);
                // A timer allows one pending wait: keep it across wakes.
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                wake ??= signal.WaitAsync(stoppingToken);
                if (await Task.WhenAny(tick, wake) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }
                    tick = null;
                }
                else
                {
                    await wake;
                    wake = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a pass cut short left nothing half-written (one transaction per statement).
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<Expiry>().RunAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<ScheduledUpdates>().RunAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The database may be down for a while; the next pass tries again.
            logger.LogWarning(exception, "A go-live pass failed; the next one runs in {Period}", Period);
        }
    }
}
