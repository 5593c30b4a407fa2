using MepCms.Web.Data;
using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>
/// One kind of message waiting in the database to be sent. Features register theirs; the
/// <see cref="MailSender"/> works through all of them in registration order over one mail session.
/// </summary>
public interface IMailOutbox
{
    /// <summary>The messages due now, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(MepCmsDbContext db, DateTime now, int max, CancellationToken cancellationToken);

    /// <summary>Housekeeping after each round (forgetting what has expired, for example).</summary>
    Task TidyAsync(MepCmsDbContext db, DateTime now, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A message due: what to send, or null when it is no longer to be sent (what it was about left the
/// site), and how to record the outcome: the transport's result, or null for "not sent".
/// </summary>
public sealed record OutboxItem(MimeMessage? Message, Func<MailResult?, CancellationToken, Task> RecordAsync);

/// <summary>Where a message of an outbox stands.</summary>
public enum DeliveryStatus
{
    Queued = 0,
    Sent = 1,
    /// <summary>Refused for good by the mail server, or still failing when retries gave up.</summary>
    Failed = 2,
    /// <summary>Not sent: what it was about, or its recipient, left before its turn.</summary>
    Cancelled = 3,
}

/// <summary>When to try a message again after a temporary failure, and when to give up.</summary>
public static class MailRetry
{
    /// <summary>Temporary failures are retried with doubling waits, up to this long after the message was queued.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(2);

    /// <summary>30 s after the first failure, doubling up to an hour.</summary>
    public static DateTime NextAttempt(DateTime now, int attempts) =>
        now + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(Math.Max(attempts, 1) - 1, 10))));

    public static bool GivesUp(DateTime queuedAt, DateTime now) => now - queuedAt >= GiveUpAfter;

    /// <summary>
    /// Where an outbox message stands after a try: the transport's result, or null when it was not
    /// to be sent any more (cancelled). Temporary failures wait for the next attempt until
    /// <see cref="GiveUpAfter"/> has passed since the message was queued.
    /// </summary>
    public static OutboxUpdate After(MailResult? result, DateTime queuedAt, int attempts, DateTime nextAttemptAt, DateTime now)
    {
        var tried = result is null ? attempts : attempts + 1;
        return result?.Outcome switch
        {
            null => new(DeliveryStatus.Cancelled, tried, nextAttemptAt, null, null),
            MailOutcome.Sent => new(DeliveryStatus.Sent, tried, nextAttemptAt, now, null),
            MailOutcome.Rejected => new(DeliveryStatus.Failed, tried, nextAttemptAt, null, Clip(result.Reason)),
            _ when GivesUp(queuedAt, now) => new(DeliveryStatus.Failed, tried, nextAttemptAt, null, Clip(result.Reason)),
            _ => new(DeliveryStatus.Queued, tried, NextAttempt(now, tried), null, Clip(result.Reason)),
        };
    }

    /// <summary>A reason short enough for its column.</summary>
    public static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] : text;
}

/// <summary>The columns of an outbox message to write after a try.</summary>
public readonly record struct OutboxUpdate(DeliveryStatus Status, int Attempts, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>Wakes the mail sender when there is something to send, so it need not poll often.</summary>
public sealed class MailSignal : Scheduling.WakeSignal;
