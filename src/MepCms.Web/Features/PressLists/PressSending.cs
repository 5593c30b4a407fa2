using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.PressLists;

/// <summary>What a send under embargo did: journalists reached, and those left out and why.</summary>
public sealed record PressSendOutcome(int Sent, int AlreadySent, int OptedOut, int OtherLanguage);

/// <summary>
/// Sends a scheduled statement under embargo to press lists, revokes personal links, and records
/// the first opening of a link. Each journalist (by address) receives a statement once, whatever
/// the number of lists they are on or of sends; every send and revocation is in the audit trail.
/// </summary>
public sealed class PressSending(MepCmsDbContext db, MailSignal signal, TimeProvider clock)
{
    /// <summary>Null when the statement is not scheduled (only a statement still to come has an embargo).</summary>
    public async Task<PressSendOutcome?> SendAsync(int articleId, IReadOnlyCollection<int> listIds, ClaimsPrincipal user, string baseUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId && a.Status == ArticleStatus.Published && a.PublishAt > now)
            .Select(a => new { a.Language }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var lists = await db.PressLists.AsNoTracking().Where(l => listIds.Contains(l.Id)).Include(l => l.Contacts).OrderBy(l => l.Name).ToListAsync(cancellationToken);
        var contacts = lists.SelectMany(l => l.Contacts.Select(c => (List: l.Name, Contact: c))).GroupBy(x => x.Contact.EmailKey).ToList();
        var keys = contacts.Select(g => g.Key).ToList();
        var optedOut = await db.PressOptOuts.Where(o => keys.Contains(o.EmailKey)).Select(o => o.EmailKey).ToListAsync(cancellationToken);
        var already = await db.PressRecipients.Where(r => r.ArticleId == articleId && keys.Contains(r.EmailKey)).Select(r => r.EmailKey).ToListAsync(cancellationToken);
        int sent = 0, alreadySent = 0, opted = 0, otherLanguage = 0;
        foreach (var group in contacts)
        {
            var reader = group.FirstOrDefault(x => x.Contact.Reads(article.Language)).Contact;
            if (optedOut.Contains(group.Key)) { opted++; continue; }
            if (already.Contains(group.Key)) { alreadySent++; continue; }
            if (reader is null) { otherLanguage++; continue; }
            sent++;
            db.PressRecipients.Add(new PressRecipient
            {
                ArticleId = articleId, PressContactId = reader.Id, Name = reader.Name, Outlet = reader.Outlet,
                Email = reader.Email, EmailKey = reader.EmailKey, Lists = Clip(string.Join(", ", group.Select(x => x.List)), 1_000),
                CreatedAt = now, BaseUrl = Clip(baseUrl, Limits.Url),
                Messages = [new PressMessage { Kind = PressMessageKind.Embargo, Status = DeliveryStatus.Queued, CreatedAt = now, NextAttemptAt = now }],
            });
        }
        var outcome = new PressSendOutcome(sent, alreadySent, opted, otherLanguage);
        db.Record(user, now, AuditActions.ArticleSentUnderEmbargo, "Article", articleId,
            $"Sent under embargo to {string.Join(", ", lists.Select(l => l.Name))}: {sent} journalist(s)"
            + (alreadySent + opted + otherLanguage > 0 ? $"; left out: {alreadySent} already sent, {opted} opted out, {otherLanguage} other language" : ""));
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return outcome;
    }

    /// <summary>Revokes one personal link (or all of the statement's when <paramref name="recipientId"/> is null); returns how many.</summary>
    public async Task<int> RevokeAsync(int articleId, long? recipientId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recipients = db.PressRecipients.Where(r => r.ArticleId == articleId && r.RevokedAt == null && (recipientId == null || r.Id == recipientId));
        var names = await recipients.OrderBy(r => r.Name).Select(r => r.Name + " (" + r.Outlet + ")").ToListAsync(cancellationToken);
        if (names.Count == 0)
        {
            return 0;
        }
        // The revocation and its audit entry: both or neither (inside the execution strategy, 0050).
        var revoked = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var count = await recipients.ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), cancellationToken);
            db.Record(user, now, AuditActions.ArticleEmbargoLinkRevoked, "Article", articleId,
                recipientId is null ? $"All {count} personal embargo link(s) revoked" : $"Personal embargo link of {Clip(names[0], 300)} revoked");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return count;
        });
        return revoked;
    }

    /// <summary>
    /// The statement behind a personal link, counting the opening (the first one's time is kept);
    /// null when the link is unknown, revoked or altered.
    /// </summary>
    public async Task<PressRecipient?> OpenAsync((long Id, Guid Secret) link, bool count, CancellationToken cancellationToken)
    {
        var recipient = await db.PressRecipients.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == link.Id && r.LinkSecret == link.Secret && r.RevokedAt == null, cancellationToken);
        if (recipient is not null && count)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.PressRecipients.Where(r => r.Id == recipient.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Opens, r => r.Opens + 1)
                .SetProperty(r => r.FirstOpenedAt, r => r.FirstOpenedAt ?? now), cancellationToken);
        }
        return recipient;
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}
