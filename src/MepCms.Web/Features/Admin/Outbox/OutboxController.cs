using MepCms.Web.Data;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Outbox;

public enum OutboxKind { Alert, Embargo, PublicLink }

public sealed record OutboxLine(OutboxKind Kind, long Id, string Recipient, string Statement, int ArticleId, int Attempts,
    DateTime At, string? LastError, bool MayRetry);

public sealed record OutboxViewModel(IReadOnlyDictionary<DeliveryStatus, int> Alerts, IReadOnlyDictionary<DeliveryStatus, int> Press,
    int ConfirmationsWaiting, IReadOnlyList<OutboxLine> Waiting, IReadOnlyList<OutboxLine> Failed, string? Flash);

/// <summary>
/// What the mail sender has to do and what it could not: counts by state, the messages waiting
/// (with their next attempt) and those that failed (with the mail server's reason). "Send now"
/// brings every waiting message forward; a failed message whose address still receives mail can
/// be queued again.
/// </summary>
[Route("admin/outbox")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class OutboxController(MepCmsDbContext db, MailSignal signal, TimeProvider clock) : AdminController
{
    private const int Shown = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var alerts = await db.AlertDeliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var press = await db.PressMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var confirmations = await db.Subscribers.CountAsync(s => s.ConfirmationRequestedAt != null
            && (s.ConfirmationSentAt == null || s.ConfirmationSentAt < s.ConfirmationRequestedAt)
            && (s.Status == SubscriberStatus.Pending || s.Status == SubscriberStatus.Confirmed), cancellationToken);
        var waiting = (await LinesAsync(DeliveryStatus.Queued, cancellationToken)).OrderBy(l => l.At).Take(Shown).ToList();
        var failed = (await LinesAsync(DeliveryStatus.Failed, cancellationToken)).OrderByDescending(l => l.At).Take(Shown).ToList();
        return View(new OutboxViewModel(alerts, press, confirmations, waiting, failed, TempData.TakeFlash()));
    }

    [HttpPost("send-now")]
    public async Task<IActionResult> SendNow(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var alerts = await db.AlertDeliveries.Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        var press = await db.PressMessages.Where(m => m.Status == DeliveryStatus.Queued && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        db.Record(User, now, AuditActions.MailRetried, "Outbox", 0, $"{alerts + press} waiting message(s) brought forward");
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        Flash(alerts + press == 0 ? "Nothing was waiting for a later attempt; the sender was woken." : $"{alerts + press} message(s) will be tried again now.");
        return Redirect("/admin/outbox");
    }

    [HttpPost("{kind}/{id:long:min(1)}/retry")]
    public async Task<IActionResult> Retry(OutboxKind kind, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var line = (await LinesAsync(DeliveryStatus.Failed, cancellationToken, kind, id)).FirstOrDefault();
        if (line is null || !Enum.IsDefined(kind))
        {
            return NotFound();
        }
        if (!line.MayRetry)
        {
            Flash($"{line.Recipient} receives no more mail (unsubscribed, opted out or refused by the mail server): not queued again.");
            return Redirect("/admin/outbox");
        }
        _ = kind == OutboxKind.Alert
            ? await db.AlertDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Failed).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.Attempts, 0).SetProperty(d => d.CreatedAt, now)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.LastError, (string?)null), cancellationToken)
            : await db.PressMessages.Where(m => m.Id == id && m.Status == DeliveryStatus.Failed).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, DeliveryStatus.Queued).SetProperty(m => m.Attempts, 0).SetProperty(m => m.CreatedAt, now)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LastError, (string?)null), cancellationToken);
        db.Record(User, now, AuditActions.MailRetried, "Article", line.ArticleId, $"Failed {kind} message to {line.Recipient} queued again");
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        Flash($"The message to {line.Recipient} was queued again.");
        return Redirect("/admin/outbox");
    }

    private async Task<List<OutboxLine>> LinesAsync(DeliveryStatus status, CancellationToken cancellationToken, OutboxKind? kind = null, long? id = null)
    {
        var lines = new List<OutboxLine>();
        if (kind is null or OutboxKind.Alert)
        {
            lines.AddRange(await db.AlertDeliveries.AsNoTracking().Where(d => d.Status == status && (id == null || d.Id == id))
                .OrderBy(d => status == DeliveryStatus.Queued ? d.NextAttemptAt : d.CreatedAt).Take(Shown)
                .Select(d => new OutboxLine(OutboxKind.Alert, d.Id, d.Subscriber.Email, d.Article.Title, d.ArticleId, d.Attempts,
                    status == DeliveryStatus.Queued ? d.NextAttemptAt : d.CreatedAt, d.LastError, d.Subscriber.Status == SubscriberStatus.Confirmed))
                .ToListAsync(cancellationToken));
        }
        if (kind is null or OutboxKind.Embargo or OutboxKind.PublicLink)
        {
            var embargo = PressMessageKind.Embargo;
            lines.AddRange(await db.PressMessages.AsNoTracking().Where(m => m.Status == status && (id == null || m.Id == id))
                .OrderBy(m => status == DeliveryStatus.Queued ? m.NextAttemptAt : m.CreatedAt).Take(Shown)
                .Select(m => new OutboxLine(m.Kind == embargo ? OutboxKind.Embargo : OutboxKind.PublicLink, m.Id, m.Recipient.Email, m.Recipient.Article.Title,
                    m.Recipient.ArticleId, m.Attempts, status == DeliveryStatus.Queued ? m.NextAttemptAt : m.CreatedAt, m.LastError,
                    m.Recipient.RevokedAt == null && !db.PressOptOuts.Any(o => o.EmailKey == m.Recipient.EmailKey)))
                .ToListAsync(cancellationToken));
        }
        return lines;
    }
}
