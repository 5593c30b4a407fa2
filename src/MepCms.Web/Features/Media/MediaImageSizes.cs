using AngleSharp.Html.Parser;
using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Gives the site's own images in rendered Markdown their stored width and height (and lazy
/// loading), so a statement with images does not shift while they load, and their credit: an image
/// alone in its paragraph becomes a figure with the credit as its caption, one within text gets the
/// credit beside it. Runs on sanitised HTML at save time (and again when a credit changes); sizes
/// are integers from the Media table and credits are set as text, never as markup.
/// </summary>
public sealed class MediaImageSizes(MepCmsDbContext db)
{
    /// <summary>The 42rem text column at twice the density: a stored image up to this wide is shown as it is.</summary>
    public const int ColumnWidth = 1344;

    /// <summary>The statement's text column: the whole width on a phone (less the page's margins), 42rem from a tablet on.</summary>
    public const string StatementColumnSizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)";

    public async Task<string> AddAsync(string html, CancellationToken cancellationToken)
    {
        if (!html.Contains(MediaFiles.UrlPrefix, StringComparison.Ordinal))
        {
            return html;
        }
        var document = await new HtmlParser().ParseDocumentAsync($"<body>{html}</body>", cancellationToken);
        var images = document.Body!.QuerySelectorAll("img[src]")
            .Select(img => (Element: img, Name: MediaFiles.NameInUrl(img.GetAttribute("src"))))
            .Where(x => x.Name is not null).ToList();
        var names = images.Select(x => x.Name!).Distinct().ToList();
        var sizes = await db.Media.AsNoTracking().Where(m => names.Contains(m.FileName))
            .ToDictionaryAsync(m => m.FileName, m => (m.Width, m.Height, m.AltText, Credit: MediaItem.CreditLine(m.Credit, m.Licence)), cancellationToken);
        if (sizes.Count == 0)
        {
            return html;
        }
        foreach (var (element, name) in images)
        {
            if (sizes.TryGetValue(name!, out var size))
            {
                var (width, height) = (size.Width, size.Height);
                if (width > ColumnWidth)
                {
                    // Wider than the text column needs: shown through its renditions (decision 0280).
                    var image = new ResponsiveImage(name!, size.Width, size.Height, size.AltText, null);
                    (width, height) = (image.Nearest(ResponsiveImage.ShareWidth), image.HeightAt(image.Nearest(ResponsiveImage.ShareWidth)));
                    element.SetAttribute("src", image.Src(ResponsiveImage.ShareWidth));
                    element.SetAttribute("srcset", image.Srcset(image.Fallback));
                    element.SetAttribute("sizes", StatementColumnSizes);
                }
                element.SetAttribute("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                element.SetAttribute("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                element.SetAttribute("loading", "lazy");
                if (size.Credit is { } credit)
                {
                    AddCredit(document, element, credit);
                }
            }
        }
        return document.Body.InnerHtml;
    }

    private static void AddCredit(AngleSharp.Dom.IDocument document, AngleSharp.Dom.IElement image, string credit)
    {
        var paragraph = image.ParentElement;
        // An image alone in its paragraph is a figure of its own.
        var alone = paragraph is { LocalName: "p" } && paragraph.Children.Length == 1 && paragraph.TextContent.Trim().Length == 0;
        if (alone)
        {
            var figure = document.CreateElement("figure");
            figure.ClassName = "media-figure";
            var caption = document.CreateElement("figcaption");
            caption.ClassName = "media-credit";
            caption.TextContent = credit;
            paragraph!.Replace(figure);
            figure.AppendChild(image);
            figure.AppendChild(caption);
            return;
        }
        var span = document.CreateElement("span");
        span.ClassName = "media-credit";
        span.TextContent = credit;
        image.After(span);
    }
}
