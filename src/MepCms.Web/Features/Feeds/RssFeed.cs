using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using MepCms.Web.Features.Articles;

namespace MepCms.Web.Features.Feeds;

/// <summary>A statement as a feed carries it.</summary>
public sealed record FeedEntry(string Title, string Slug, string Lead, DateTime PublishAt, DateTime UpdatedAt, IReadOnlyList<string> Authors)
{
    /// <summary>Its PDF documents in order: the first is the item's enclosure (RSS 2.0 has room for one), each a media:content.</summary>
    public IReadOnlyList<Attachments.AttachmentLink> Documents { get; init; } = [];
    /// <summary>Its corrections and updates, oldest first: told in the item's description.</summary>
    public IReadOnlyList<CorrectionNote> Corrections { get; init; } = [];

    public string Description => Corrections.Count == 0 ? Lead : string.Join("\n\n", [Lead, .. Corrections.Select(c => c.Text)]);
}

/// <summary>RSS 2.0 written by System.ServiceModel.Syndication, so escaping and dates follow the standard.</summary>
public static class RssFeed
{
    public const int Size = 20;
    public const string ContentType = "application/rss+xml; charset=utf-8";

    /// <summary>Media RSS: every document of an item, where RSS 2.0's enclosure carries only the first (decision 0210).</summary>
    public static readonly XNamespace MediaRss = "http://search.yahoo.com/mrss/";

    public static IQueryable<FeedEntry> Latest(IQueryable<Article> visible, IQueryable<Attachments.ArticleAttachment> documents) =>
        visible.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Take(Size)
            .Select(a => new FeedEntry(a.Title, a.Slug, a.Lead, a.PublishAt!.Value, a.UpdatedAt,
                a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList())
            {
                Corrections = a.Corrections.OrderBy(c => c.CreatedAt).Select(c => new CorrectionNote(c.Kind, c.CreatedAt, c.Note)).ToList(),
                Documents = documents.Where(d => d.ArticleId == a.Id).OrderBy(d => d.Position).ThenBy(d => d.Id)
                    .Select(d => new Attachments.AttachmentLink(d.Id, d.Title, d.DownloadName, d.Bytes) { PageCount = d.PageCount }).ToList(),
            });

    /// <param name="absolute">Turns a page's site path into its absolute URL in the feed's language.</param>
    /// <param name="file">Turns a file's site path (a document: one address in every language) into its absolute URL.</param>
    public static byte[] Write(string title, string description, string language, string pagePath, string feedPath,
        IReadOnlyList<FeedEntry> entries, Func<string, string> absolute, Func<string, string> file)
    {
        var feed = new SyndicationFeed(title, description, new Uri(absolute(pagePath)))
        {
            Language = language,
            LastUpdatedTime = entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => Latest(e)),
        };
        feed.Links.Add(new SyndicationLink(new Uri(absolute(feedPath)), "self", title, "application/rss+xml", 0));
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", "http://www.w3.org/2000/xmlns/"), MediaRss.NamespaceName);
        feed.Items = entries.Select(e =>
        {
            var url = absolute($"/articles/{e.Slug}");
            var item = new SyndicationItem(e.Title, e.Description, new Uri(url), url, Latest(e)) { PublishDate = e.PublishAt };
            if (e.Documents is [var first, ..])
            {
                item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(file(first.PublicUrl)), "application/pdf", first.Bytes));
            }
            foreach (var document in e.Documents)
            {
                item.ElementExtensions.Add(new XElement(MediaRss + "content",
                    new XAttribute("url", file(document.PublicUrl)), new XAttribute("type", "application/pdf"),
                    new XAttribute("fileSize", document.Bytes), new XAttribute("medium", "document"),
                    new XElement(MediaRss + "title", new XAttribute("type", "plain"), document.Title)));
            }
            foreach (var author in e.Authors)
            {
                item.Authors.Add(new SyndicationPerson { Name = author });
            }
            return item;
        }).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            new Rss20FeedFormatter(feed).WriteTo(writer);
        }
        return stream.ToArray();
    }

    private static DateTimeOffset Latest(FeedEntry entry) =>
        new(entry.UpdatedAt > entry.PublishAt ? entry.UpdatedAt : entry.PublishAt, TimeSpan.Zero);
}
