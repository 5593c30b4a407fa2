using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Press;

public sealed record PressListChoice(int Id, string Name, int Contacts);

public sealed record PressRecipientLine(long Id, string Name, string Outlet, string Email, string Lists, DateTime SentAt,
    DeliveryStatus? Embargo, DeliveryStatus? PublicLink, DateTime? FirstOpenedAt, int Opens, DateTime? RevokedAt);

public sealed record PressPageViewModel(int ArticleId, string Title, string Language, string State, bool Scheduled,
    IReadOnlyList<PressListChoice> Lists, IReadOnlyList<PressRecipientLine> Recipients, string? Flash);

public sealed class PressSendForm
{
    public List<int> ListIds { get; set; } = [];
}

/// <summary>
/// A statement's press page: send it under embargo to press lists while it is scheduled, see who
/// received it and who opened their personal link (on our own page, never a pixel), revoke links.
/// </summary>
[Route("admin/articles/{id:int:min(1)}/press")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class PressController(MepCmsDbContext db, PressSending sending, SiteUrls urls, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken) =>
        await PageAsync(id, TempData.TakeFlash(), cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("send")]
    public async Task<IActionResult> Send(int id, PressSendForm form, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        if (form.ListIds.Count is 0 or > 100)
        {
            Flash("Choose at least one press list.");
            return Redirect($"/admin/articles/{id}/press");
        }
        var outcome = await sending.SendAsync(id, form.ListIds, User, urls.Base(Request), cancellationToken);
        Flash(outcome switch
        {
            null => "Only a scheduled statement can be sent under embargo: schedule it first.",
            { Sent: 0 } o => $"Nobody new to send to: {LeftOut(o)}.",
            var o => $"Sent under embargo to {o.Sent} journalist(s)" + (o.AlreadySent + o.OptedOut + o.OtherLanguage > 0 ? $"; {LeftOut(o)}." : "."),
        });
        return Redirect($"/admin/articles/{id}/press");
    }

    [HttpPost("{recipientId:long:min(1)}/revoke")]
    public async Task<IActionResult> Revoke(int id, long recipientId, CancellationToken cancellationToken)
    {
        var revoked = await sending.RevokeAsync(id, recipientId, User, cancellationToken);
        if (revoked == 0 && !await db.PressRecipients.AnyAsync(r => r.Id == recipientId && r.ArticleId == id, cancellationToken))
        {
            return NotFound();
        }
        Flash(revoked == 1 ? "The link was revoked: it no longer opens the statement." : "That link was already revoked.");
        return Redirect($"/admin/articles/{id}/press");
    }

    [HttpPost("revoke")]
    public async Task<IActionResult> RevokeAll(int id, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var revoked = await sending.RevokeAsync(id, null, User, cancellationToken);
        Flash(revoked == 0 ? "No link to revoke." : $"All {revoked} personal link(s) revoked.");
        return Redirect($"/admin/articles/{id}/press");
    }

    private static string LeftOut(PressSendOutcome o) =>
        $"{o.AlreadySent} already received it, {o.OptedOut} opted out, {o.OtherLanguage} read other languages";

    private async Task<PressPageViewModel?> PageAsync(int id, string? flash, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.Language, a.Status, a.PublishAt }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var scheduled = article.Status == ArticleStatus.Published && article.PublishAt > now;
        var state = scheduled ? $"Scheduled for {BrusselsTime.DateTimeText(article.PublishAt!.Value)} Brussels time: the embargo ends then."
            : article.Status == ArticleStatus.Published ? "Public since " + BrusselsTime.DateTimeText(article.PublishAt!.Value) + " Brussels time."
            : "Not scheduled: schedule the statement to send it under embargo.";
        var lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new PressListChoice(l.Id, l.Name, l.Contacts.Count)).ToListAsync(cancellationToken);
        var recipients = await db.PressRecipients.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Name)
            .Select(r => new PressRecipientLine(r.Id, r.Name, r.Outlet, r.Email, r.Lists, r.CreatedAt,
                r.Messages.Where(m => m.Kind == PressMessageKind.Embargo).Select(m => (DeliveryStatus?)m.Status).FirstOrDefault(),
                r.Messages.Where(m => m.Kind == PressMessageKind.PublicLink).Select(m => (DeliveryStatus?)m.Status).FirstOrDefault(),
                r.FirstOpenedAt, r.Opens, r.RevokedAt))
            .ToListAsync(cancellationToken);
        var language = EuLanguages.NameOf(article.Language);
        return new PressPageViewModel(id, article.Title, language, state, scheduled, lists, recipients, flash);
    }
}
