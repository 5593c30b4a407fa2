using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Home;

[Localized]
public sealed class HomeController(MepCmsDbContext db, TimeProvider clock, Settings.SiteIdentity identity) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken)
    {
        var number = Paging.Normalise(page);
        var visible = db.Articles.AsNoTracking().Visible(clock).InLanguage(HttpContext.Language().Code);
        // The pinned statement opens the first page and is left out of the list (no duplicate).
        var pinned = await ArticlePins.InForce(visible, db.Articles.AsNoTracking(), clock.GetUtcNow().UtcDateTime).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var articles = await visible.Where(a => a.Id != pinned).ToSummaries()
            .ToPageAsync(number, Paging.DefaultPageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }
        var brand = await identity.CurrentAsync(cancellationToken);
        var title = number == 1 ? brand.Name : SiteText.Format("PageNumberTitle", brand.Name, number);
        var meta = new PageMeta(title, brand.Tagline, number == 1 ? "/" : $"/?page={number}");
        var lead = pinned != 0 && number == 1 ? await visible.Where(a => a.Id == pinned).ToSummaries().FirstOrDefaultAsync(cancellationToken) : null;
        return View(new HomeViewModel(new ArticleListViewModel(articles, meta, SiteText.Get("LatestStatements")), lead));
    }
}

/// <summary>The home page: its list, and the pinned statement that opens its first page (if any).</summary>
public sealed record HomeViewModel(ArticleListViewModel List, ArticleSummary? Pinned) : IHasPageMeta
{
    public PageMeta Meta => List.Meta;
}
