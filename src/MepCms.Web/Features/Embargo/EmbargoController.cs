using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Embargo;

/// <summary>
/// What a journalist sees through an embargo link: the statement before it is public, read-only.
/// The token travels in the query string, which the request log never records.
/// </summary>
public sealed class EmbargoController(MepCmsDbContext db, EmbargoLinks links) : Controller
{
    [HttpGet("/embargo")]
    public async Task<IActionResult> Show([FromQuery] string? token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (links.Read(token) is not { } id)
        {
            return NotFound();
        }
        var withdrawn = ArticleStatus.Unpublished;
        var articles = db.Articles.AsNoTracking().Where(a => a.Id == id && a.Status != withdrawn);
        var article = await articles.ToPage().AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        var publishAt = await articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.PublishAt).FirstOrDefaultAsync(cancellationToken);
        var until = publishAt is { } at ? $"Embargoed until {BrusselsTime.DateTimeText(at)} Brussels time" : "Embargoed until further notice";
        return View("/Features/Articles/Marked.cshtml", new MarkedArticleViewModel(article, until,
            "Not for publication before then. This link is personal to the press office's contacts and expires."));
    }
}
