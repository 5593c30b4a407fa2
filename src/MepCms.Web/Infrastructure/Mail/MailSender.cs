using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Scheduling;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>
/// Sends what the outboxes hold, in batches over one mail session. One instance sends at a time
/// (a lease renewed per batch). Each message's outcome is saved before the next is sent, so a crash
/// can repeat at most the one message that was in flight; a retry never repeats a message recorded
/// as sent (docs/decisions/0130).
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock)
{
    public const string LeaseName = "mail-sender";
    public const int BatchSize = 100;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

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
        // One mail session for the whole round: its connection carries every batch.
        IMailSession? session = null;
        try
        {
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
                var now = clock.GetUtcNow().UtcDateTime;
                if (!await db.TryHoldAsync(LeaseName, _holder, now, LeaseTime, cancellationToken))
                {
                    return handed;
                }
                var items = new List<OutboxItem>();
                var full = false;
                foreach (var outbox in scope.ServiceProvider.GetServices<IMailOutbox>())
                {
                    var due = await outbox.DueAsync(db, now, BatchSize, cancellationToken);
                    full |= due.Count >= BatchSize;
                    items.AddRange(due);
                }
                if (items.Count == 0)
                {
                    return handed;
                }
                var failed = false;
                foreach (var item in items)
                {
                    if (item.Message is null)
                    {
                        await item.RecordAsync(null, cancellationToken);
                        continue;
                    }
                    session ??= await transport.OpenAsync(cancellationToken);
                    var result = await session.SendAsync(item.Message, cancellationToken);
                    handed++;
                    failed |= result.Outcome == MailOutcome.RetryLater;
                    await item.RecordAsync(result, cancellationToken);
                }
                if (failed || !full)
                {
                    // Done, or the mail server is down: what is left waits for the next round.
                    return handed;
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Each outbox's housekeeping.</summary>
    public async Task TidyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var outbox in scope.ServiceProvider.GetServices<IMailOutbox>())
        {
            await outbox.TidyAsync(db, now, cancellationToken);
        }
    }
}

/// <summary>
/// Runs the sender when woken (a statement went live, someone signed up, staff sent a statement)
/// and every <see cref="Period"/>, on every instance; the lease lets one of them send.
/// </summary>
internal sealed class MailSenderService(MailSender sender, MailSignal signal, ILogger<MailSenderService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.SendDueAsync(stoppingToken);
                await sender.TidyAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the mail server may be down for a while; the next round tries again.
                logger.LogWarning(exception, "A mail round failed; the next one runs within {Period}", Period);
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
