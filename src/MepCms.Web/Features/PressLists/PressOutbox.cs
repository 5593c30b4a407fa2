using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.PressLists;

/// <summary>
/// The press messages waiting to be sent. An embargo message goes out only while its statement is
/// still scheduled; the public link only once it is public; neither to a revoked recipient or an
/// address that opted out. A permanent refusal puts the address on the opt-out list (bounced).
/// </summary>
internal sealed class PressOutbox(PressMail mail, ILogger<PressOutbox> logger) : IMailOutbox
{
    public async Task<IReadOnlyList<OutboxItem>> DueAsync(MepCmsDbContext db, DateTime now, int max, CancellationToken cancellationToken)
    {
        var messages = await db.PressMessages.Include(m => m.Recipient)
            .Where(m => m.Status == DeliveryStatus.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(max).ToListAsync(cancellationToken);
        if (messages.Count == 0)
        {
            return [];
        }
        var ids = messages.Select(m => m.Recipient.ArticleId).Distinct().ToList();
        var statements = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published && a.PublishAt != null)
            .Select(a => new { a.Id, a.Title, a.Slug, a.Lead, a.BodyMarkdown, a.BodyHtml, a.PublishAt, a.Language, Meps = a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList() })
            .ToDictionaryAsync(a => a.Id, a => new PressStatement(a.Title, a.Slug, a.Lead, a.BodyMarkdown, a.BodyHtml, a.PublishAt!.Value, a.Meps, a.Language), cancellationToken);
        var visible = await db.Articles.VisibleAt(now).Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var keys = messages.Select(m => m.Recipient.EmailKey).Distinct().ToList();
        var optedOut = await db.PressOptOuts.Where(o => keys.Contains(o.EmailKey)).Select(o => o.EmailKey).ToListAsync(cancellationToken);
        return messages.Select(m =>
        {
            var recipient = m.Recipient;
            var open = recipient.RevokedAt is null && !optedOut.Contains(recipient.EmailKey) && statements.ContainsKey(recipient.ArticleId);
            var message = !open ? null
                : m.Kind == PressMessageKind.Embargo && statements[recipient.ArticleId].PublishAt > now ? mail.Embargoed(recipient, statements[recipient.ArticleId])
                : m.Kind == PressMessageKind.PublicLink && visible.Contains(recipient.ArticleId) ? mail.Public(recipient, statements[recipient.ArticleId])
                : null; // an embargo overtaken by its publish time (the public link follows), or a link to a page no longer public
            return new OutboxItem(message, (result, ct) => RecordAsync(db, m, result, now, ct));
        }).ToList();
    }

    private async Task RecordAsync(MepCmsDbContext db, PressMessage message, MailResult? result, DateTime now, CancellationToken cancellationToken)
    {
        var update = MailRetry.After(result, message.CreatedAt, message.Attempts, message.NextAttemptAt, now);
        await db.PressMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, update.Status).SetProperty(m => m.Attempts, update.Attempts)
            .SetProperty(m => m.NextAttemptAt, update.NextAttemptAt).SetProperty(m => m.SentAt, update.SentAt)
            .SetProperty(m => m.LastError, update.LastError), cancellationToken);
        if (result?.Outcome == MailOutcome.Rejected)
        {
            logger.LogWarning("The mail server refused press recipient {RecipientId} for good; no more press mail goes there", message.PressRecipientId);
            await PressOptOuts.AddAsync(db, message.Recipient.EmailKey, PressOptOutReason.Bounced, now, cancellationToken);
        }
    }
}

/// <summary>
/// When a statement sent under embargo goes live, queues its public link for every journalist who
/// received it and was not revoked: inside the go-live transaction, so once.
/// </summary>
internal sealed class PressGoLive : IGoLiveParticipant
{
    public async Task OnGoingLiveAsync(GoingLive live, CancellationToken cancellationToken)
    {
        var recipients = await live.Db.PressRecipients
            .Where(r => r.ArticleId == live.ArticleId && r.RevokedAt == null && !r.Messages.Any(m => m.Kind == PressMessageKind.PublicLink))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }
        live.Db.PressMessages.AddRange(recipients.Select(id => new PressMessage
        {
            PressRecipientId = id, Kind = PressMessageKind.PublicLink, Status = DeliveryStatus.Queued, CreatedAt = live.At, NextAttemptAt = live.At,
        }));
        live.Db.Record(null, "system", live.At, AuditActions.ArticlePublicLinkSent, "Article", live.ArticleId,
            $"Public link queued for the {recipients.Count} journalist(s) who received it under embargo");
    }
}

public static class PressOptOuts
{
    /// <summary>Puts an address on the opt-out list (once; the first reason stays).</summary>
    public static async Task AddAsync(MepCmsDbContext db, string emailKey, PressOptOutReason reason, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.PressOptOuts.AnyAsync(o => o.EmailKey == emailKey, cancellationToken))
        {
            var optOut = db.PressOptOuts.Add(new PressOptOut { EmailKey = emailKey, At = now, Reason = reason });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Added at the same moment by another request: the address is opted out either way.
                optOut.State = EntityState.Detached;
            }
        }
    }
}
