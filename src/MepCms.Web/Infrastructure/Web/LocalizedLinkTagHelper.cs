using System.Collections.Frozen;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing.Patterns;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// On a page in another language than the default, a link to a page that exists in every language
/// (a <see cref="LocalizedAttribute"/> route: `/`, `/articles/…`, `/meps…`…) stays in that language:
/// `href="/meps/x"` is written `/nl/meps/x` on a Dutch page. Views write plain site paths. A link
/// carrying `hreflang` names its language itself (the language switcher) and is left alone.
/// </summary>
[HtmlTargetElement("a", Attributes = "href")]
[HtmlTargetElement("link", Attributes = "href", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("form", Attributes = "action")]
public sealed class LocalizedLinkTagHelper(SiteLanguages languages, LocalizedPaths localized) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var language = ViewContext.HttpContext.Language();
        if (language.IsDefault || output.Attributes.ContainsName("hreflang"))
        {
            return;
        }
        var name = output.TagName == "form" ? "action" : "href";
        if (!output.Attributes.TryGetAttribute(name, out var attribute) || Text(attribute.Value) is not { } path || !localized.Contains(path))
        {
            return;
        }
        output.Attributes.SetAttribute(name, new HtmlString(languages.PathIn(language.Code, path)));
    }

    // The attribute as HTML-encoded text: a path's prefix can be added to it as it is.
    private static string? Text(object? value)
    {
        switch (value)
        {
            case HtmlString html:
                return html.Value;
            case IHtmlContent content:
                using (var writer = new StringWriter())
                {
                    content.WriteTo(writer, HtmlEncoder.Default);
                    return writer.ToString();
                }
            case string text:
                return HtmlEncoder.Default.Encode(text);
            default:
                return null;
        }
    }
}

/// <summary>
/// Which site paths exist in every language: those whose first segment is the first segment of a
/// route under `/{lang}/` (read once from the route table, so a newly localized page needs no list).
/// </summary>
public sealed class LocalizedPaths(EndpointDataSource endpoints)
{
    private FrozenSet<string>? _firstSegments;

    public bool Contains(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }
        var end = path.IndexOfAny(['/', '?', '#'], 1);
        return FirstSegments.Contains(end < 0 ? path[1..] : path[1..end]);
    }

    private FrozenSet<string> FirstSegments => _firstSegments ??= endpoints.Endpoints.OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.PathSegments)
        .Where(s => s.Count >= 1 && s[0].Parts is [RoutePatternParameterPart { Name: LocalizedRoutes.RouteKey }])
        .Select(s => s.Count == 1 ? "" : s[1].Parts is [RoutePatternLiteralPart literal] ? literal.Content : null)
        .OfType<string>()
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
