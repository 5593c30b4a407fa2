using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Home;

public sealed class HomeController(MepCmsDbContext db, TimeProvider clock, IOptions<SiteOptions> site) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken)
    {
        var number = Paging.Normalise(page);
        var articles = await db.Articles.AsNoTracking().Visible(clock).ToSummaries()
            .ToPageAsync(number, Paging.DefaultPageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }
        var title = number == 1 ? site.Value.Name : $"{site.Value.Name} — page {number}";
        var meta = new PageMeta(title, site.Value.Tagline, number == 1 ? "/" : $"/?page={number}");
        return View(new ArticleListViewModel(articles, meta, "Latest statements"));
    }
}
