using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Feeds;

/// <summary>RSS 2.0 of the latest published statements: all, one MEP's, one committee's.</summary>
[Localized]
public sealed class FeedsController(MepCmsDbContext db, TimeProvider clock, SiteUrls urls, Settings.SiteIdentity identity) : Controller
{
    [HttpGet("/feed.xml")]
    public async Task<IActionResult> All(CancellationToken cancellationToken) =>
        await FeedAsync(null, null, "/", "/feed.xml", Visible(), cancellationToken);

    [HttpGet("/meps/{slug}/feed.xml")]
    public async Task<IActionResult> Author(string slug, CancellationToken cancellationToken)
    {
        var author = Slugs.IsValid(slug)
            ? await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.FullName }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (author is null)
        {
            return NotFound();
        }
        return await FeedAsync($"{author.FullName} | {{site}}", SiteText.Format("MepFeedTitle", author.FullName), $"/meps/{slug}", $"/meps/{slug}/feed.xml",
            Visible().Where(a => a.Authors.Any(x => x.AuthorId == author.Id)), cancellationToken);
    }

    [HttpGet("/committees/{slug}/feed.xml")]
    public async Task<IActionResult> Committee(string slug, CancellationToken cancellationToken)
    {
        var language = HttpContext.Language().Code;
        var committee = Slugs.IsValid(slug)
            ? await db.Committees.AsNoTracking().Where(c => c.Slug == slug)
                .Select(c => new { c.Id, Name = c.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault() ?? c.Name, MergedInto = db.Committees.Where(m => m.Id == c.MergedIntoId).Select(m => m.Slug).FirstOrDefault() })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (committee is null)
        {
            return NotFound();
        }
        if (committee.MergedInto is { } target)
        {
            return RedirectPermanent(HttpContext.Localized($"/committees/{target}/feed.xml"));
        }
        return await FeedAsync($"{committee.Name} | {{site}}", SiteText.Format("CommitteeFeedDescription", committee.Name), $"/committees/{slug}",
            $"/committees/{slug}/feed.xml", Visible().Where(a => a.Committees.Any(c => c.Id == committee.Id)), cancellationToken);
    }

    private IQueryable<Article> Visible() => db.Articles.AsNoTracking().Visible(clock).InLanguage(HttpContext.Language().Code);

    /// <param name="title">The feed's title, "{site}" standing for the site's name; none: the site's name.</param>
    /// <param name="description">None: the site's tagline.</param>
    private async Task<IActionResult> FeedAsync(string? title, string? description, string pagePath, string feedPath, IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var entries = await RssFeed.Latest(articles, db.ArticleAttachments).ToListAsync(cancellationToken);
        var brand = await identity.CurrentAsync(cancellationToken);
        var xml = RssFeed.Write(title?.Replace("{site}", brand.Name, StringComparison.Ordinal) ?? brand.Name, description ?? brand.Tagline, HttpContext.Language().Code, pagePath, feedPath, entries,
            path => urls.Absolute(Request, HttpContext.Localized(path)), path => urls.Absolute(Request, path));
        return File(xml, RssFeed.ContentType);
    }
}
