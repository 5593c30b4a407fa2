using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace MepCms.Web.Infrastructure.Markdown;

/// <summary>
/// The one Markdown pipeline of MepCms: the article body, MEP bios, the editor preview and every
/// other render site go through it, so none can skip the sanitiser.
/// </summary>
public interface IMarkdownRenderer
{
    /// <summary>Safe HTML for the Markdown: raw HTML is shown as text and the output is sanitised.</summary>
    string Render(string markdown);
}

public sealed class MarkdownRenderer : IMarkdownRenderer
{
    // DisableHtml escapes raw HTML; it does not vet link targets, so the sanitiser still runs.
    // No UseAdvancedExtensions(): it turns on generic attributes ({onclick=...}).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string Render(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        // The page's title is its only h1: headings in a body start at h2.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Max(2, heading.Level);
        }
        var html = document.ToHtml(Pipeline);
        return _sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "a", "em", "strong",
                "del", "ins", "mark", "sup", "sub", "code", "pre", "hr", "br", "img",
                "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "dl", "dt", "dd",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "start", "colspan", "rowspan", "align",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}

public static class MarkdownSetup
{
    public static IServiceCollection AddMarkdown(this IServiceCollection services) =>
        services.AddSingleton<IMarkdownRenderer, MarkdownRenderer>();
}
