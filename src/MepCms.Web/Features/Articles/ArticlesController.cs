using MepCms.Web.Data;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles;

public sealed class ArticlesController(MepCmsDbContext db, TimeProvider clock) : Controller
{
    [HttpGet("/articles/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var visible = db.Articles.AsNoTracking().Visible(clock);
        var article = await visible.Where(a => a.Slug == slug)
            .Select(a => new ArticlePageViewModel
            {
                Id = a.Id, Title = a.Title, Slug = a.Slug, Lead = a.Lead, BodyHtml = a.BodyHtml, Language = a.Language, Place = a.Place,
                ProcedureReference = a.ProcedureReference, PublishAt = a.PublishAt!.Value, UpdatedAt = a.UpdatedAt,
                Authors = a.Authors.OrderBy(x => x.Position).Select(x => new NamedLink(x.Author.FullName, x.Author.Slug)).ToList(),
                Committees = a.Committees.OrderBy(c => c.Code).Select(c => new NamedLink(c.Name, c.Slug)).ToList(),
                Topics = a.Topics.OrderBy(t => t.Name).Select(t => new NamedLink(t.Name, t.Slug)).ToList(),
                Rating = new RatingSummary(a.RatingCount, a.RatingSum),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (article is not null)
        {
            article.Related = await RelatedArticles.Of(db, visible, article.Id).ToListAsync(cancellationToken);
            return View(article);
        }

        // A statement whose slug changed answers at its former slug with a permanent redirect.
        var current = await db.ArticleSlugs.AsNoTracking()
            .Where(s => s.Slug == slug)
            .Join(visible, s => s.ArticleId, a => a.Id, (s, a) => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);
        return current is null ? NotFound() : RedirectPermanent($"/articles/{current}");
    }
}
