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
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Feeds;

/// <summary>
/// For search engines: the sitemap of every public page, and robots.txt pointing to it. Up to
/// <see cref="SitemapOptions.UrlsPerFile"/> URLs it is one file; past that, `/sitemap.xml` is a
/// sitemap index of `/sitemaps/pages.xml` and `/sitemaps/statements-{n}.xml`, newest statements first
/// (decisions 0013, 0298).
/// </summary>
public sealed class SitemapController(MepCmsDbContext db, TimeProvider clock, SiteUrls urls, SiteLanguages languages, IOptions<SitemapOptions> options) : Controller
{
    /// <summary>The sitemap protocol's limit for one file.</summary>
    public const int MaxUrls = SitemapOptions.ProtocolLimit;

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    [HttpGet("/robots.txt")]
    public IActionResult Robots() => Content(
        $"User-agent: *\nDisallow: /admin\nDisallow: /account\n\nSitemap: {urls.Absolute(Request, "/sitemap.xml")}\n", "text/plain; charset=utf-8");

    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Sitemap(CancellationToken cancellationToken)
    {
        var perFile = options.Value.UrlsPerFile;
        var pages = await PagesAsync(cancellationToken);
        var versions = await db.Articles.AsNoTracking().Visible(clock).CountAsync(cancellationToken);
        if (pages.Count + versions <= perFile)
        {
            return Xml(Write(pages.Concat(await StatementsAsync(0, versions, cancellationToken))));
        }
        // Too many for one file: an index of the pages' file and the statements' files.
        var files = (versions + perFile - 1) / perFile;
        return Xml(WriteIndex(["/sitemaps/pages.xml", .. Enumerable.Range(1, files).Select(n => $"/sitemaps/statements-{n}.xml")]));
    }

    /// <summary>The home page, the directories and every MEP, committee and topic page, in each language they have statements in.</summary>
    [HttpGet("/sitemaps/pages.xml")]
    public async Task<IActionResult> Pages(CancellationToken cancellationToken) =>
        Xml(Write((await PagesAsync(cancellationToken)).Take(options.Value.UrlsPerFile)));

    /// <summary>The <paramref name="number"/>th file of public statement versions, newest first.</summary>
    [HttpGet("/sitemaps/statements-{number:int:min(1)}.xml")]
    public async Task<IActionResult> Statements(int number, CancellationToken cancellationToken)
    {
        var perFile = options.Value.UrlsPerFile;
        var entries = number <= int.MaxValue / perFile ? await StatementsAsync((number - 1) * perFile, perFile, cancellationToken) : [];
        return entries.Count == 0 && number > 1 ? NotFound() : Xml(Write(entries));
    }

    private FileContentResult Xml(byte[] content) => File(content, "application/xml; charset=utf-8");

    private async Task<List<Entry>> PagesAsync(CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().Visible(clock);
        // A page of an MEP, committee or topic exists in every language; it is listed in those where it has statements.
        var authorLanguages = Languages(await visible.SelectMany(a => a.Authors, (a, x) => new KeyLanguage(x.AuthorId, a.Language)).Distinct().ToListAsync(cancellationToken));
        var committeeLanguages = Languages(await visible.SelectMany(a => a.Committees, (a, c) => new KeyLanguage(c.Id, a.Language)).Distinct().ToListAsync(cancellationToken));
        var topicLanguages = Languages(await visible.SelectMany(a => a.Topics, (a, t) => new KeyLanguage(t.Id, a.Language)).Distinct().ToListAsync(cancellationToken));
        var homeLanguages = await visible.Select(a => a.Language).Distinct().ToListAsync(cancellationToken);
        var authors = (await db.Authors.AsNoTracking().OrderBy(a => a.Slug)
            .Select(a => new { a.Id, Page = new Entry("/meps/" + a.Slug, visible.Where(v => v.Authors.Any(x => x.AuthorId == a.Id)).Max(v => v.PublishAt)) })
            .ToListAsync(cancellationToken)).SelectMany(a => InLanguages(a.Page, authorLanguages.GetValueOrDefault(a.Id))).ToList();
        // A merged committee or topic redirects: the sitemap lists only the one it went into.
        var committees = (await db.Committees.AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.Slug)
            .Select(c => new { c.Id, Page = new Entry("/committees/" + c.Slug, visible.Where(v => v.Committees.Any(x => x.Id == c.Id)).Max(v => v.PublishAt)) })
            .ToListAsync(cancellationToken)).SelectMany(c => InLanguages(c.Page, committeeLanguages.GetValueOrDefault(c.Id))).ToList();
        var topics = (await db.Topics.AsNoTracking().Where(t => t.MergedIntoId == null).OrderBy(t => t.Slug)
            .Select(t => new { t.Id, Page = new Entry("/topics/" + t.Slug, visible.Where(v => v.Topics.Any(x => x.Id == t.Id)).Max(v => v.PublishAt)) })
            .ToListAsync(cancellationToken)).SelectMany(t => InLanguages(t.Page, topicLanguages.GetValueOrDefault(t.Id))).ToList();
        var newest = await visible.MaxAsync(a => (DateTime?)(a.UpdatedAt > a.PublishAt ? a.UpdatedAt : a.PublishAt), cancellationToken);
        return [.. InLanguages(new Entry("/", newest), homeLanguages), .. InLanguages(new Entry("/meps", null), homeLanguages),
            .. InLanguages(new Entry("/committees", null), homeLanguages), .. authors, .. committees, .. topics];
    }

    /// <summary>Public statement versions, newest first, from <paramref name="skip"/>, at most <paramref name="take"/>.</summary>
    private async Task<List<Entry>> StatementsAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().Visible(clock);
        var versions = await visible.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new { a.StatementId, a.Slug, a.Language, At = a.UpdatedAt > a.PublishAt ? a.UpdatedAt : a.PublishAt })
            .ToListAsync(cancellationToken);
        // The other versions of these statements, wherever they fall in the order, for the alternates.
        var ids = versions.Select(v => v.StatementId).Distinct().ToList();
        var all = await visible.Where(a => ids.Contains(a.StatementId)).Select(a => new { a.StatementId, a.Slug, a.Language }).ToListAsync(cancellationToken);
        // Each version at its own address: `/articles/…` in the default language, `/nl/articles/…` in
        // Dutch; a statement's versions name each other as alternates, the default language's first (x-default).
        var groups = all.GroupBy(v => v.StatementId).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => (IReadOnlyList<Alternate>)
            [.. g.OrderBy(v => v.Language == languages.Default ? 0 : 1).ThenBy(v => v.Language, StringComparer.Ordinal)
                .Select(v => new Alternate(v.Language, languages.PathIn(v.Language, "/articles/" + v.Slug)))]);
        return [.. versions.Select(v => new Entry(languages.PathIn(v.Language, "/articles/" + v.Slug), v.At) { Alternates = groups.GetValueOrDefault(v.StatementId) })];
    }

    private byte[] WriteIndex(IEnumerable<string> files)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("sitemapindex", Namespace);
            foreach (var file in files)
            {
                xml.WriteStartElement("sitemap", Namespace);
                xml.WriteElementString("loc", Namespace, urls.Absolute(Request, file));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static Dictionary<int, List<string>> Languages(List<KeyLanguage> pairs) =>
        pairs.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Select(p => p.Language).ToList());

    /// <summary>A page in the default language and in each other language given, each naming all of them as alternates.</summary>
    private IEnumerable<Entry> InLanguages(Entry page, IEnumerable<string>? others)
    {
        var codes = others?.Where(languages.IsPrefixed).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
        if (codes.Count == 0)
        {
            return [page];
        }
        List<Alternate> alternates = [new(languages.Default, page.Path), .. codes.Select(c => new Alternate(c, languages.PathIn(c, page.Path)))];
        return alternates.Select(a => page with { Path = a.Path, Alternates = alternates });
    }

    private byte[] Write(IEnumerable<Entry> entries)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("urlset", Namespace);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, urls.Absolute(Request, entry.Path));
                if (entry.LastModified is { } at)
                {
                    xml.WriteElementString("lastmod", Namespace, DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }
                // The page's versions in other languages, itself included, and the default one as x-default.
                foreach (var alternate in entry.Alternates ?? [])
                {
                    WriteAlternate(xml, alternate.Language, alternate.Path);
                }
                if (entry.Alternates is { Count: > 0 } all)
                {
                    WriteAlternate(xml, "x-default", all[0].Path);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private void WriteAlternate(XmlWriter xml, string hreflang, string path)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNamespace);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", hreflang);
        xml.WriteAttributeString("href", urls.Absolute(Request, path));
        xml.WriteEndElement();
    }

    private sealed record Entry(string Path, DateTime? LastModified)
    {
        public IReadOnlyList<Alternate>? Alternates { get; init; }
    }

    private sealed record Alternate(string Language, string Path);

    private sealed record KeyLanguage(int Id, string Language);
}

/// <summary>How the sitemap is cut into files.</summary>
public sealed class SitemapOptions
{
    public const string Section = "Sitemap";

    /// <summary>The sitemap protocol's limit for one file.</summary>
    public const int ProtocolLimit = 50_000;

    /// <summary>The most URLs in one sitemap file; past it, `/sitemap.xml` becomes an index of several.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, ProtocolLimit, ErrorMessage = "Sitemap:UrlsPerFile must be between 1 and 50000.")]
    public int UrlsPerFile { get; set; } = ProtocolLimit;
}
