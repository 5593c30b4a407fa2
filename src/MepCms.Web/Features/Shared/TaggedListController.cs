using System.Linq.Expressions;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Shared;

/// <summary>The public page of a committee or a topic: its statements, paged; a merged entry answers 301 to the one it went into.</summary>
public abstract class TaggedListController<TEntry>(MepCmsDbContext db, TimeProvider clock) : Controller
    where TEntry : class, IDirectoryEntry, IHasLocalizedNames
{
    protected MepCmsDbContext Db => db;

    /// <param name="basePath">`/committees` or `/topics`.</param>
    /// <param name="taggedWith">The statements tagged with the entry of this id.</param>
    /// <param name="view">The page's model, from the entry, its name in the page's language and its page of statements.</param>
    protected async Task<IActionResult> TaggedListAsync(string slug, int? page, string basePath, Func<int, Expression<Func<Article, bool>>> taggedWith,
        Func<TEntry, string, PagedList<ArticleSummary>, TaggedListViewModel> view,
        CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var entries = db.Set<TEntry>().AsNoTracking();
        // Its names in other languages come in the same query: the page shows the one of its language.
        var entry = await entries.Include(IHasLocalizedNames.Navigation).Where(e => e.Slug == slug)
            .Select(e => new { Entry = e, MergedInto = entries.Where(m => m.Id == e.MergedIntoId).Select(m => m.Slug).FirstOrDefault() })
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        if (entry.MergedInto is { } target)
        {
            return RedirectPermanent(HttpContext.Localized($"{basePath}/{target}"));
        }
        var language = HttpContext.Language().Code;
        var name = entry.Entry.NamesByLanguage.GetValueOrDefault(language) ?? entry.Entry.Name;
        var articles = await db.Articles.AsNoTracking().Visible(clock).InLanguage(language)
            .Where(taggedWith(entry.Entry.Id))
            .ToSummaries()
            .ToPageAsync(Paging.Normalise(page), Paging.DefaultPageSize, cancellationToken);
        return articles is null ? NotFound() : View("TaggedList", view(entry.Entry, name, articles));
    }
}
