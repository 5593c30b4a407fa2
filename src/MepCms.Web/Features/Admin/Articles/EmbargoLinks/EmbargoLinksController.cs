using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.EmbargoLinks;

public sealed record EmbargoLinkViewModel(int Id, string Title, string Url, DateTime ExpiresAt);

/// <summary>Editors hand out embargo links; each one is in the audit trail (without the token).</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class EmbargoLinksController(MepCmsDbContext db, Embargo.EmbargoLinks links, SiteUrls urls, TimeProvider clock) : AdminController
{
    [HttpPost("{id:int:min(1)}/embargo")]
    public async Task<IActionResult> Create(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.PublishAt, a.Status }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        var scheduled = article.Status == Web.Features.Articles.ArticleStatus.Published ? article.PublishAt : null;
        var expires = links.ExpiryFor(scheduled);
        var url = urls.Absolute(Request, "/embargo?token=" + Uri.EscapeDataString(links.Create(id, expires)));
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.ArticleEmbargoLinkCreated, "Article", id, $"Embargo link valid until {BrusselsTime.DateTimeText(expires)}");
        await db.SaveChangesAsync(cancellationToken);
        return View(new EmbargoLinkViewModel(id, article.Title, url, expires));
    }
}
