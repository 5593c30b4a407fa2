using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MepCms.Tests.Support;

/// <summary>Parses responses the way a browser would, so assertions look at elements, not strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every way a piece of HTML could run script: script elements, on* attributes, javascript:/data:/vbscript: URLs.</summary>
    public static IEnumerable<string> ActiveContent(IParentNode root)
    {
        // A JSON-LD data block is never executed (CSP does not apply to it either); any other script is active.
        foreach (var script in root.QuerySelectorAll("script:not([type='application/ld+json'])"))
        {
            if (IsOwnScriptFile(script))
            {
                continue;
            }
            yield return "script: " + script.OuterHtml;
        }
        foreach (var element in root.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{element.TagName} {attribute.Name}";
                }
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    if (!(value.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                        || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || value.StartsWith('/') || value.StartsWith('#')
                        || !value.Contains(':')))
                    {
                        yield return $"{element.TagName} {attribute.Name}={attribute.Value}";
                    }
                }
            }
            if (element.TagName is "IFRAME" or "FORM" or "INPUT" or "STYLE" or "OBJECT" or "EMBED")
            {
                yield return "element: " + element.TagName;
            }
        }
    }

    /// <summary>
    /// <see cref="ActiveContent"/> over a whole page, less the site's own parts: scripts served from
    /// its wwwroot (/js/, /lib/; the CSP allows only 'self') and forms posting to its own paths
    /// (the rating widget, the search box) with their controls.
    /// </summary>
    public static IEnumerable<string> ActiveContentOfPage(IDocument page)
    {
        var copy = Parse(page.DocumentElement.OuterHtml);
        foreach (var element in copy.QuerySelectorAll("script[src^='/js/'], script[src^='/lib/'], form[action^='/']").ToList())
        {
            element.Remove();
        }
        return ActiveContent(copy.DocumentElement).ToList();
    }

    /// <summary>The site's own script file (wwwroot/js or wwwroot/lib), with nothing inline.</summary>
    private static bool IsOwnScriptFile(IElement script) =>
        script.TextContent.Length == 0 && script.GetAttribute("src") is { } src
        && (src.StartsWith("/js/", StringComparison.Ordinal) || src.StartsWith("/lib/", StringComparison.Ordinal));
}
