using System.Text.Json;
using System.Text.Json.Serialization;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// schema.org NewsArticle for search engines. Serialised by System.Text.Json with its default
/// encoder, which escapes &lt; &gt; &amp; and quotes, so no title can close the script element.
/// No AggregateRating: self-collected ratings are treated as self-serving.
/// </summary>
public static class ArticleJsonLd
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <param name="absolute">A site path as an absolute URL.</param>
    /// <param name="localized">A public page's path in the page's language (`/meps/x` → `/nl/meps/x` on a Dutch version).</param>
    public static string For(ArticlePageViewModel article, string siteName, Func<string, string> absolute, Func<string, string> localized)
    {
        var url = absolute(localized($"/articles/{article.Slug}"));
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title.Length <= 110 ? article.Title : article.Title[..109] + "…",
            ["description"] = article.Lead,
            ["inLanguage"] = article.Language,
            ["datePublished"] = BrusselsTime.Iso(article.PublishAt),
            ["dateModified"] = BrusselsTime.Iso(article.UpdatedAt > article.PublishAt ? article.UpdatedAt : article.PublishAt),
            ["mainEntityOfPage"] = url,
            ["image"] = absolute(article.SharePath),
            ["url"] = url,
            ["author"] = article.Authors.Select(a => new Dictionary<string, string>
            {
                ["@type"] = "Person", ["name"] = a.Name, ["url"] = absolute(localized($"/meps/{a.Slug}")),
            }).ToList(),
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = siteName, ["url"] = absolute(localized("/")) },
            ["about"] = article.Topics.Count == 0 ? null : article.Topics.Select(t => t.Name).ToList(),
            ["correction"] = article.Corrections.Any(c => c.Kind == ChangeKind.Correction)
                ? article.Corrections.Where(c => c.Kind == ChangeKind.Correction).Select(c => new Dictionary<string, string>
                {
                    ["@type"] = "CorrectionComment", ["text"] = c.Note, ["datePublished"] = BrusselsTime.Iso(c.At),
                }).ToList()
                : null,
        };
        // The ignore condition covers properties, not dictionary entries: leave the empty ones out here.
        return JsonSerializer.Serialize(data.Where(e => e.Value is not null).ToDictionary(), Options);
    }
}
