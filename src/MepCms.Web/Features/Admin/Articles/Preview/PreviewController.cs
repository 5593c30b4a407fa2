using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Preview;

/// <summary>Any statement, whatever its state, exactly as the public page will show it.</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class PreviewController(MepCmsDbContext db) : AdminController
{
    [HttpGet("{id:int:min(1)}/preview")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var statement = db.Articles.AsNoTracking().Where(a => a.Id == id);
        var language = await statement.Select(a => a.Language).FirstOrDefaultAsync(cancellationToken) ?? "";
        // Previewed as readers will see it: in the statement's language.
        HttpContext.UseLanguage(language);
        var article = await statement.ToPage(db.Media, db.ArticleAttachments, language).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        // Its documents as staff download them: the public address answers only once the statement is public.
        article.Documents = [.. article.Documents.Select(d => d with { Href = $"/admin/articles/{id}/attachments/{d.Id}" })];
        var status = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.PublishAt }).FirstAsync(cancellationToken);
        var state = status.Status == ArticleStatus.Published && status.PublishAt is { } at
            ? $"Published, live from {BrusselsTime.DateTimeText(at)} Brussels time."
            : $"{status.Status}: not public.";
        return View("/Features/Articles/Marked.cshtml", new MarkedArticleViewModel(article, "Preview", state));
    }
}
