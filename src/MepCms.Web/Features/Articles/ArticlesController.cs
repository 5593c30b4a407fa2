using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles;

[Localized]
public sealed class ArticlesController(MepCmsDbContext db, TimeProvider clock) : Controller
{
    [HttpGet("/articles/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var visible = db.Articles.AsNoTracking().Visible(clock).InLanguage(HttpContext.Language().Code);
        var article = await visible.Where(a => a.Slug == slug)
            .ToPage(db.Media, db.ArticleAttachments, HttpContext.Language().Code)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (article is not null)
        {
            article.Versions = await db.Articles.AsNoTracking().Visible(clock).Where(a => a.StatementId == article.StatementId)
                .OrderBy(a => a.Language).Select(a => new StatementVersion(a.Language, a.Slug)).ToListAsync(cancellationToken);
            article.Related = await RelatedArticles.Of(db, visible, article.Id).ToListAsync(cancellationToken);
            return View(article);
        }

        // A statement whose slug changed answers at its former slug with a permanent redirect; a
        // slug of another language's version leads to this language's version, where it has one.
        var current = await db.ArticleSlugs.AsNoTracking()
                .Where(s => s.Slug == slug)
                .Join(visible, s => s.ArticleId, a => a.Id, (s, a) => a.Slug)
                .FirstOrDefaultAsync(cancellationToken)
            ?? await db.Articles.AsNoTracking().Visible(clock).Where(a => a.Slug == slug)
                .Join(visible, other => other.StatementId, a => a.StatementId, (other, a) => a.Slug)
                .FirstOrDefaultAsync(cancellationToken);
        return current is null ? NotFound() : RedirectPermanent(HttpContext.Localized($"/articles/{current}"));
    }
}
