using System.Text.Json;
using MepCms.Web.Data;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Subscribers;

public sealed record SubscriberLine(int Id, string Email, SubscriberStatus Status, DateTime CreatedAt, DateTime? ConfirmedAt, int Follows, int AlertsSent);

public sealed record SubscribersViewModel(IReadOnlyDictionary<SubscriberStatus, int> Counts, string Query, SubscriberStatus? Status,
    IReadOnlyList<SubscriberLine> Subscribers, int Page, bool HasMore, string? Flash);

/// <summary>
/// Admins see who receives the e-mail alerts: counts by state, a search, and for one subscriber
/// everything stored (the export of a data-subject request) or its removal (the erasure).
/// </summary>
[Route("admin/subscribers")]
[Authorize(Policy = Policies.IsAdmin)]
public sealed class SubscribersController(MepCmsDbContext db, TimeProvider clock) : AdminController
{
    private const int PageSize = 50;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, SubscriberStatus? status, int page = 1, CancellationToken cancellationToken = default)
    {
        page = Math.Clamp(page, 1, 100_000);
        var query = (q ?? "").Trim();
        query = query.Length > 256 ? query[..256] : query;
        var counts = await db.Subscribers.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var subscribers = db.Subscribers.AsNoTracking();
        if (query.Length > 0)
        {
            var key = query.ToLowerInvariant();
            subscribers = subscribers.Where(s => s.EmailKey.Contains(key));
        }
        if (status is { } only && Enum.IsDefined(only))
        {
            subscribers = subscribers.Where(s => s.Status == only);
        }
        var lines = await subscribers.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new SubscriberLine(s.Id, s.Email, s.Status, s.CreatedAt, s.ConfirmedAt,
                s.Languages.Count + s.Meps.Count + s.Committees.Count + s.Topics.Count,
                db.AlertDeliveries.Count(d => d.SubscriberId == s.Id && d.Status == Infrastructure.Mail.DeliveryStatus.Sent)))
            .ToListAsync(cancellationToken);
        return View(new SubscribersViewModel(counts, query, status, lines.Take(PageSize).ToList(), page, lines.Count > PageSize, TempData.TakeFlash()));
    }

    /// <summary>Everything stored about one subscriber, as a JSON file (no IP address is ever stored).</summary>
    [HttpGet("{id:int:min(1)}/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var s = await db.Subscribers.AsNoTracking().AsSplitQuery().Include(x => x.Languages).Include(x => x.Meps).Include(x => x.Committees).Include(x => x.Topics)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return NotFound();
        }
        var mepIds = s.Meps.Select(m => m.AuthorId).ToList();
        var committeeIds = s.Committees.Select(c => c.CommitteeId).ToList();
        var topicIds = s.Topics.Select(t => t.TopicId).ToList();
        var data = new
        {
            s.Email, Status = s.Status.ToString(), SignedUpAt = s.CreatedAt, s.ConsentAt, ConsentWording = s.ConsentText, s.ConfirmedAt, s.UnsubscribedAt, s.BouncedAt,
            Follows = new
            {
                Languages = s.Languages.Select(l => l.Language).Order().ToList(),
                Meps = await db.Authors.Where(a => mepIds.Contains(a.Id)).OrderBy(a => a.FullName).Select(a => a.FullName).ToListAsync(cancellationToken),
                Committees = await db.Committees.Where(c => committeeIds.Contains(c.Id)).OrderBy(c => c.Code).Select(c => c.Code + " " + c.Name).ToListAsync(cancellationToken),
                Topics = await db.Topics.Where(t => topicIds.Contains(t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken),
            },
            Alerts = await db.AlertDeliveries.AsNoTracking().Where(d => d.SubscriberId == id).OrderBy(d => d.Id)
                .Select(d => new { Statement = d.Article.Title, Status = d.Status.ToString(), QueuedAt = d.CreatedAt, d.SentAt }).ToListAsync(cancellationToken),
        };
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.SubscriberExported, "Subscriber", id, $"Data of subscriber {id} exported");
        await db.SaveChangesAsync(cancellationToken);
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Indented), "application/json", $"subscriber-{id}.json");
    }

    /// <summary>Erases the subscriber with their choices and alert history. The audit entry names the id, not the address.</summary>
    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FindAsync([id], cancellationToken);
        if (subscriber is null)
        {
            return NotFound();
        }
        db.Subscribers.Remove(subscriber);
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.SubscriberRemoved, "Subscriber", id, $"Subscriber {id} and their alert history erased");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"{subscriber.Email} was removed with everything stored about it.");
        return Redirect("/admin/subscribers");
    }
}
