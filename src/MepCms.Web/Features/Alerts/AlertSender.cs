using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MepCms.Web.Features.Alerts;

/// <summary>
/// Sends what the outbox holds: confirmations, then alerts, in batches over one mail session. One
/// instance sends at a time (a lease renewed per batch). Each message's outcome is saved before the
/// next is sent, so a crash can repeat at most the one message that was in flight; a retry never
/// repeats a message recorded as sent (docs/decisions/0130).
/// </summary>
public sealed class AlertSender(IServiceScopeFactory scopes, IMailTransport transport, AlertMail mail, TimeProvider clock, ILogger<AlertSender> logger)
{
    public const string LeaseName = "alert-sender";
    public const int BatchSize = 100;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);
    /// <summary>Temporary failures are retried with doubling waits, up to this long after the alert was queued.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(2);

    private readonly string _holder = Guid.NewGuid().ToString("N");
    // The lease keeps other instances out; this keeps a second round of this instance out.
    private readonly SemaphoreSlim _round = new(1, 1);

    /// <summary>Sends everything due now; returns how many messages were handed to the transport.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            return await SendDueInRoundAsync(cancellationToken);
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task<int> SendDueInRoundAsync(CancellationToken cancellationToken)
    {
        var handed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await db.TryHoldAsync(LeaseName, _holder, now, LeaseTime, cancellationToken))
            {
                return handed;
            }
            var confirmations = await db.Subscribers
                .Where(s => s.ConfirmationRequestedAt != null && (s.ConfirmationSentAt == null || s.ConfirmationSentAt < s.ConfirmationRequestedAt)
                    && (s.Status == SubscriberStatus.Pending || s.Status == SubscriberStatus.Confirmed))
                .OrderBy(s => s.ConfirmationRequestedAt).Take(BatchSize).ToListAsync(cancellationToken);
            var alerts = await db.AlertDeliveries.Include(d => d.Subscriber)
                .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
                .OrderBy(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (confirmations.Count == 0 && alerts.Count == 0)
            {
                return handed;
            }
            var statements = await StatementsAsync(db, alerts.Select(d => d.ArticleId).Distinct().ToList(), now, cancellationToken);
            var failed = false;
            await using (var session = await transport.OpenAsync(cancellationToken))
            {
                foreach (var subscriber in confirmations)
                {
                    var result = await session.SendAsync(mail.Confirmation(subscriber), cancellationToken);
                    handed++;
                    failed |= result.Outcome == MailOutcome.RetryLater;
                    await RecordAsync(db, subscriber, result, now, cancellationToken);
                }
                foreach (var delivery in alerts)
                {
                    if (!statements.TryGetValue(delivery.ArticleId, out var statement) || delivery.Subscriber.Status != SubscriberStatus.Confirmed)
                    {
                        // Unpublished (or scheduled later) before its turn, or the subscriber left: never sent.
                        await SetAsync(db, delivery.Id, DeliveryStatus.Cancelled, now, null, cancellationToken);
                        continue;
                    }
                    var result = await session.SendAsync(mail.Alert(delivery.Subscriber, statement, delivery.BaseUrl is { Length: > 0 } published ? published : delivery.Subscriber.BaseUrl), cancellationToken);
                    handed++;
                    failed |= result.Outcome == MailOutcome.RetryLater;
                    await RecordAsync(db, delivery, result, now, cancellationToken);
                }
            }
            if (failed || (confirmations.Count < BatchSize && alerts.Count < BatchSize))
            {
                // The mail server is down: what is left waits for the next round.
                return handed;
            }
        }
    }

    private static async Task<Dictionary<int, AlertStatement>> StatementsAsync(MepCmsDbContext db, List<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.Articles.AsNoTracking().VisibleAt(now).Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Slug, a.Lead, a.PublishAt, Meps = a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new AlertStatement(r.Title, r.Slug, r.Lead, r.PublishAt!.Value, r.Meps));
    }

    private Task RecordAsync(MepCmsDbContext db, Subscriber subscriber, MailResult result, DateTime now, CancellationToken cancellationToken) =>
        result.Outcome switch
        {
            MailOutcome.Sent => db.Subscribers.Where(s => s.Id == subscriber.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationSentAt, now), cancellationToken),
            MailOutcome.Rejected => BouncedAsync(db, subscriber.Id, now, cancellationToken),
            _ => Task.CompletedTask, // tried again next round
        };

    private async Task RecordAsync(MepCmsDbContext db, AlertDelivery delivery, MailResult result, DateTime now, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case MailOutcome.Sent:
                await SetAsync(db, delivery.Id, DeliveryStatus.Sent, now, null, cancellationToken);
                break;
            case MailOutcome.Rejected:
                await SetAsync(db, delivery.Id, DeliveryStatus.Failed, now, result.Reason, cancellationToken);
                await BouncedAsync(db, delivery.SubscriberId, now, cancellationToken);
                break;
            default:
                var attempts = delivery.Attempts + 1;
                var giveUp = now - delivery.CreatedAt >= GiveUpAfter;
                var next = now + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts - 1, 10))));
                await db.AlertDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.Status, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Queued)
                    .SetProperty(d => d.LastError, Clip(result.Reason)), cancellationToken);
                break;
        }
    }

    private static Task SetAsync(MepCmsDbContext db, long id, DeliveryStatus status, DateTime now, string? error, CancellationToken cancellationToken) =>
        db.AlertDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.SentAt, status == DeliveryStatus.Sent ? now : null)
            .SetProperty(d => d.LastError, Clip(error)), cancellationToken);

    private async Task BouncedAsync(MepCmsDbContext db, int subscriberId, DateTime now, CancellationToken cancellationToken)
    {
        logger.LogWarning("The mail server refused subscriber {SubscriberId} for good; no more alerts go there", subscriberId);
        await db.Subscribers.Where(s => s.Id == subscriberId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriberStatus.Bounced).SetProperty(x => x.BouncedAt, now), cancellationToken);
    }

    /// <summary>Forgets sign-ups left unconfirmed longer than a confirmation link lives.</summary>
    public async Task PurgeUnconfirmedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - SubscriptionTokens.ConfirmationLifetime;
        await db.Subscribers.Where(s => s.Status == SubscriberStatus.Pending && s.ConsentAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] : text;
}

/// <summary>
/// Runs the sender when woken (a statement went live, someone signed up) and every
/// <see cref="Period"/>, on every instance; the lease lets one of them send. Also forgets
/// sign-ups left unconfirmed for a week.
/// </summary>
internal sealed class AlertSenderService(AlertSender sender, AlertSignal signal, ILogger<AlertSenderService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.SendDueAsync(stoppingToken);
                await sender.PurgeUnconfirmedAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the mail server may be down for a while; the next round tries again.
                logger.LogWarning(exception, "An alert round failed; the next one runs within {Period}", Period);
            }
            try
            {
                await signal.WaitAsync(Period, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
