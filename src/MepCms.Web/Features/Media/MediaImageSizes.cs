using AngleSharp.Html.Parser;
using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Gives the site's own images in rendered Markdown their stored width and height (and lazy
/// loading), so a statement with images does not shift while they load. Runs on sanitised HTML
/// at save time; the values are integers from the Media table, never from the author's text.
/// </summary>
public sealed class MediaImageSizes(MepCmsDbContext db)
{
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
            .ToDictionaryAsync(m => m.FileName, m => (m.Width, m.Height), cancellationToken);
        if (sizes.Count == 0)
        {
            return html;
        }
        foreach (var (element, name) in images)
        {
            if (sizes.TryGetValue(name!, out var size))
            {
                element.SetAttribute("width", size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                element.SetAttribute("height", size.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                element.SetAttribute("loading", "lazy");
            }
        }
        return document.Body.InnerHtml;
    }
}
