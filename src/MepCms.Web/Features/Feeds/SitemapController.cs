using System.Globalization;
using System.Text;
using System.Xml;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Feeds;

/// <summary>For search engines: the sitemap of every public page, and robots.txt pointing to it.</summary>
public sealed class SitemapController(MepCmsDbContext db, TimeProvider clock, SiteUrls urls, SiteLanguages languages) : Controller
{
    /// <summary>The sitemap protocol's limit for one file; past it, the newest statements win (docs/decisions/0013).</summary>
    public const int MaxUrls = 50_000;

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [HttpGet("/robots.txt")]
    public IActionResult Robots() => Content(
        $"User-agent: *\nDisallow: /admin\nDisallow: /account\n\nSitemap: {urls.Absolute(Request, "/sitemap.xml")}\n", "text/plain; charset=utf-8");

    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Sitemap(CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().Visible(clock);
        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Slug)
            .Select(a => new Entry("/meps/" + a.Slug, visible.Where(v => v.Authors.Any(x => x.AuthorId == a.Id)).Max(v => v.PublishAt)))
            .ToListAsync(cancellationToken);
        // A merged committee or topic redirects: the sitemap lists only the one it went into.
        var committees = await db.Committees.AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.Slug)
            .Select(c => new Entry("/committees/" + c.Slug, visible.Where(v => v.Committees.Any(x => x.Id == c.Id)).Max(v => v.PublishAt)))
            .ToListAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.MergedIntoId == null).OrderBy(t => t.Slug)
            .Select(t => new Entry("/topics/" + t.Slug, visible.Where(v => v.Topics.Any(x => x.Id == t.Id)).Max(v => v.PublishAt)))
            .ToListAsync(cancellationToken);
        var room = MaxUrls - 2 - authors.Count - committees.Count - topics.Count;
        var versions = await visible.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Take(Math.Max(0, room))
            .Select(a => new { a.Slug, a.Language, At = a.UpdatedAt > a.PublishAt ? a.UpdatedAt : a.PublishAt })
            .ToListAsync(cancellationToken);
        // Each version at its own address: `/articles/…` in the default language, `/nl/articles/…` in Dutch.
        var statements = versions.Select(v => new Entry(languages.PathIn(v.Language, "/articles/" + v.Slug), v.At)).ToList();

        var newest = statements.Count > 0 ? statements.Max(s => s.LastModified) : null;
        Entry[] pages = [new("/", newest), new("/meps", null), new("/committees", null)];
        return File(Write(pages.Concat(authors).Concat(committees).Concat(topics).Concat(statements)), "application/xml; charset=utf-8");
    }

    private byte[] Write(IEnumerable<Entry> entries)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("urlset", Namespace);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, urls.Absolute(Request, entry.Path));
                if (entry.LastModified is { } at)
                {
                    xml.WriteElementString("lastmod", Namespace, DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private sealed record Entry(string Path, DateTime? LastModified);
}
