using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Alerts;

/// <summary>
/// The alerts' messages waiting to be sent: confirmations first, then alerts. An alert whose
/// statement left the public site, or whose subscriber left, before its turn is never sent. Sign-ups
/// left unconfirmed longer than a confirmation link lives are forgotten.
/// </summary>
internal sealed class AlertOutbox(AlertMail mail, ILogger<AlertOutbox> logger) : IMailOutbox
{
    public async Task<IReadOnlyList<OutboxItem>> DueAsync(MepCmsDbContext db, DateTime now, int max, CancellationToken cancellationToken)
    {
        var confirmations = await db.Subscribers
            .Where(s => s.ConfirmationRequestedAt != null && (s.ConfirmationSentAt == null || s.ConfirmationSentAt < s.ConfirmationRequestedAt)
                && (s.Status == SubscriberStatus.Pending || s.Status == SubscriberStatus.Confirmed))
            .OrderBy(s => s.ConfirmationRequestedAt).Take(max).ToListAsync(cancellationToken);
        var alerts = await db.AlertDeliveries.Include(d => d.Subscriber)
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id).Take(max).ToListAsync(cancellationToken);
        var statements = await StatementsAsync(db, alerts.Select(d => d.ArticleId).Distinct().ToList(), now, cancellationToken);
        var items = confirmations.Select(s => new OutboxItem(mail.Confirmation(s), (result, ct) => RecordAsync(db, s, result, now, ct))).ToList();
        foreach (var delivery in alerts)
        {
            var message = statements.TryGetValue(delivery.ArticleId, out var statement) && delivery.Subscriber.Status == SubscriberStatus.Confirmed
                ? mail.Alert(delivery.Subscriber, statement, delivery.BaseUrl is { Length: > 0 } published ? published : delivery.Subscriber.BaseUrl)
                : null;
            items.Add(new OutboxItem(message, (result, ct) => RecordAsync(db, delivery, result, now, ct)));
        }
        return items;
    }

    public Task TidyAsync(MepCmsDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var before = now - SubscriptionTokens.ConfirmationLifetime;
        return db.Subscribers.Where(s => s.Status == SubscriberStatus.Pending && s.ConsentAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, AlertStatement>> StatementsAsync(MepCmsDbContext db, List<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Articles.AsNoTracking().VisibleAt(now).Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Slug, a.Lead, a.PublishAt, a.Language, Meps = a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new AlertStatement(r.Title, r.Slug, r.Lead, r.PublishAt!.Value, r.Meps, r.Language));
    }

    private Task RecordAsync(MepCmsDbContext db, Subscriber subscriber, MailResult? result, DateTime now, CancellationToken cancellationToken) =>
        result?.Outcome switch
        {
            MailOutcome.Sent => db.Subscribers.Where(s => s.Id == subscriber.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationSentAt, now), cancellationToken),
            MailOutcome.Rejected => BouncedAsync(db, subscriber.Id, now, cancellationToken),
            _ => Task.CompletedTask, // tried again next round
        };

    private async Task RecordAsync(MepCmsDbContext db, AlertDelivery delivery, MailResult? result, DateTime now, CancellationToken cancellationToken)
    {
        var update = MailRetry.After(result, delivery.CreatedAt, delivery.Attempts, delivery.NextAttemptAt, now);
        await db.AlertDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, update.Status).SetProperty(d => d.Attempts, update.Attempts)
            .SetProperty(d => d.NextAttemptAt, update.NextAttemptAt).SetProperty(d => d.SentAt, update.SentAt)
            .SetProperty(d => d.LastError, update.LastError), cancellationToken);
        if (result?.Outcome == MailOutcome.Rejected)
        {
            await BouncedAsync(db, delivery.SubscriberId, now, cancellationToken);
        }
    }

    private async Task BouncedAsync(MepCmsDbContext db, int subscriberId, DateTime now, CancellationToken cancellationToken)
    {
        logger.LogWarning("The mail server refused subscriber {SubscriberId} for good; no more alerts go there", subscriberId);
        await db.Subscribers.Where(s => s.Id == subscriberId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriberStatus.Bounced).SetProperty(x => x.BouncedAt, now), cancellationToken);
    }
}
