using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Alerts;

/// <summary>What a subscriber follows: nothing chosen in a kind means everything of it.</summary>
public sealed record SubscriptionChoices(IReadOnlyList<string> Languages, IReadOnlyList<int> Meps, IReadOnlyList<int> Committees, IReadOnlyList<int> Topics);

/// <summary>
/// Sign-up with double opt-in, confirmation, changes of choice and unsubscribing. Signing up an
/// address already known looks exactly like a new one from outside: the same page, and the
/// message that goes out is the owner's business (a confirmation, or the manage link).
/// </summary>
public sealed class Subscriptions(MepCmsDbContext db, TimeProvider clock, MailSignal signal)
{
    /// <summary>At most one confirmation (or note) per address in this time.</summary>
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromMinutes(10);

    /// <param name="pageLanguage">The language of the sign-up page: the message that goes out speaks it.</param>
    public async Task SignUpAsync(string email, SubscriptionChoices choices, string consentText, string baseUrl, string pageLanguage, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = email.ToLowerInvariant();
        var subscriber = await WithChoices().FirstOrDefaultAsync(s => s.EmailKey == key, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = email, EmailKey = key, CreatedAt = now };
            db.Subscribers.Add(subscriber);
        }
        else if (subscriber.ConfirmationRequestedAt is { } asked && now - asked < ConfirmationInterval)
        {
            return; // asked a moment ago: one message is on its way
        }
        if (subscriber.Status != SubscriberStatus.Confirmed)
        {
            // A confirmed subscription changes only through the subscriber's own link.
            if (subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Bounced)
            {
                subscriber.Stamp = Guid.NewGuid();
            }
            (subscriber.Status, subscriber.Email, subscriber.ConsentAt, subscriber.ConsentText) = (SubscriberStatus.Pending, email, now, consentText);
            Apply(subscriber, choices);
        }
        (subscriber.ConfirmationRequestedAt, subscriber.BaseUrl, subscriber.PageLanguage) = (now, baseUrl, pageLanguage);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (subscriber.Id == 0)
        {
            // The same address signed up at the same moment: that sign-up sends the message.
            return;
        }
        signal.Wake();
    }

    /// <summary>Confirms a pending subscription; the subscriber (confirmed) or null when the link no longer applies.</summary>
    public async Task<Subscriber?> ConfirmAsync(int id, Guid stamp, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == id && s.Stamp == stamp, cancellationToken);
        if (subscriber is null || subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Bounced)
        {
            return null;
        }
        if (subscriber.Status == SubscriberStatus.Pending)
        {
            (subscriber.Status, subscriber.ConfirmedAt) = (SubscriberStatus.Confirmed, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
        return subscriber;
    }

    public Task<Subscriber?> FindAsync(int id, CancellationToken cancellationToken) =>
        WithChoices().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>New choices for a confirmed subscription. False when there is no such subscription any more.</summary>
    public async Task<bool> ChangeAsync(int id, SubscriptionChoices choices, CancellationToken cancellationToken)
    {
        var subscriber = await WithChoices().FirstOrDefaultAsync(s => s.Id == id && s.Status == SubscriberStatus.Confirmed, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        Apply(subscriber, choices);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Stops every message to the subscriber, queued alerts included. Idempotent; false only for an unknown id.</summary>
    public async Task<bool> UnsubscribeAsync(int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        if (subscriber.Status is SubscriberStatus.Pending or SubscriberStatus.Confirmed)
        {
            (subscriber.Status, subscriber.UnsubscribedAt, subscriber.Stamp) = (SubscriberStatus.Unsubscribed, now, Guid.NewGuid());
            await db.SaveChangesAsync(cancellationToken);
            await db.AlertDeliveries.Where(d => d.SubscriberId == id && d.Status == DeliveryStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled), cancellationToken);
        }
        return true;
    }

    private IQueryable<Subscriber> WithChoices() =>
        db.Subscribers.Include(s => s.Languages).Include(s => s.Meps).Include(s => s.Committees).Include(s => s.Topics).AsSplitQuery();

    private static void Apply(Subscriber subscriber, SubscriptionChoices choices)
    {
        Sync(subscriber.Languages, choices.Languages, l => l.Language, l => new SubscriberLanguage { Language = l });
        Sync(subscriber.Meps, choices.Meps, m => m.AuthorId, id => new SubscriberMep { AuthorId = id });
        Sync(subscriber.Committees, choices.Committees, c => c.CommitteeId, id => new SubscriberCommittee { CommitteeId = id });
        Sync(subscriber.Topics, choices.Topics, t => t.TopicId, id => new SubscriberTopic { TopicId = id });
    }

    // Rows that stay are kept (their keys are the choice itself); only the difference is written.
    private static void Sync<TRow, TKey>(List<TRow> rows, IEnumerable<TKey> wanted, Func<TRow, TKey> key, Func<TKey, TRow> create)
    {
        var keep = wanted.ToHashSet();
        rows.RemoveAll(r => !keep.Contains(key(r)));
        keep.ExceptWith(rows.Select(key));
        rows.AddRange(keep.Select(create));
    }
}
