using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using MepCms.Web.Infrastructure.Security;

namespace MepCms.Web.Infrastructure.Markdown;

/// <summary>
/// The one Markdown pipeline of MepCms: the article body, MEP bios, the editor preview and every
/// other render site go through it, so none can skip the sanitiser.
/// </summary>
public interface IMarkdownRenderer
{
    /// <summary>
    /// Safe HTML for the Markdown: raw HTML is shown as text and the output is sanitised. Throws
    /// <see cref="MarkdownRejectedException"/> where <see cref="TryRender"/> reports an error, so a
    /// form validates with <see cref="TryRender"/> (or <see cref="MarkdownAttribute"/>) first.
    /// </summary>
    /// <param name="language">The text's language (ISO 639-1): its quotation marks are used (<see cref="Typography.QuotesFor"/>).</param>
    string Render(string markdown, string? language = null);

    /// <summary>Safe HTML, or a message for the writer when the text is too long or too deeply nested to render.</summary>
    MarkdownRendering TryRender(string markdown, string? language = null);
}

/// <summary>The outcome of rendering: HTML, or an error message to show next to the field.</summary>
public sealed record MarkdownRendering(string Html, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Markdown the renderer refuses; its message is written for the person who typed it.</summary>
public sealed class MarkdownRejectedException(string message) : ArgumentException(message);

public sealed class MarkdownRenderer : IMarkdownRenderer
{
    // One pipeline per quotation style, built on first use (there are a handful).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<QuoteStyle, MarkdownPipeline> Pipelines = new();

    // DisableHtml escapes raw HTML; it does not vet link targets, so the sanitiser still runs.
    // No UseAdvancedExtensions(): it turns on generic attributes ({onclick=...}).
    private static MarkdownPipeline Build(QuoteStyle quotes)
    {
        // Typographic quotes in the language's style, apostrophes, dashes and ellipses ("It's -- ..." → “It’s – …”).
        var smarty = new Markdig.Extensions.SmartyPants.SmartyPantOptions();
        smarty.Mapping[Markdig.Extensions.SmartyPants.SmartyPantType.LeftDoubleQuote] = Entities(quotes.OpenDouble);
        smarty.Mapping[Markdig.Extensions.SmartyPants.SmartyPantType.RightDoubleQuote] = Entities(quotes.CloseDouble);
        smarty.Mapping[Markdig.Extensions.SmartyPants.SmartyPantType.LeftQuote] = Entities(quotes.OpenSingle);
        smarty.Mapping[Markdig.Extensions.SmartyPants.SmartyPantType.RightQuote] = Entities(quotes.CloseSingle);
        return new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseEmphasisExtras()
            .UsePipeTables()
            .UseAutoLinks()
            .UseListExtras()
            .UseSmartyPants(smarty)
            .Build();
    }

    /// <summary>Marks written as numeric character references: the mapping is written into the HTML as it is.</summary>
    private static string Entities(string marks) => string.Concat(marks.Select(c => $"&#{(int)c};"));

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string Render(string markdown, string? language = null)
    {
        var rendering = TryRender(markdown, language);
        return rendering.Error is null ? rendering.Html : throw new MarkdownRejectedException(rendering.Error);
    }

    public MarkdownRendering TryRender(string markdown, string? language = null)
    {
        var pipeline = Pipelines.GetOrAdd(Typography.QuotesFor(language), Build);
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new MarkdownRendering("", null);
        }
        if (MarkdownLimits.Refusal(markdown) is { } refusal)
        {
            return new MarkdownRendering("", refusal);
        }
        string html;
        try
        {
            var document = Markdig.Markdown.Parse(TextInput.ReplaceInvalid(markdown), pipeline);
            // The page's title is its only h1: headings in a body start at h2.
            foreach (var heading in document.Descendants<HeadingBlock>())
            {
                heading.Level = Math.Max(2, heading.Level);
            }
            // SmartyPants leaves an apostrophe inside a word straight (it's, l'Union): curl it in
            // the text, never in code.
            foreach (var literal in document.Descendants<Markdig.Syntax.Inlines.LiteralInline>())
            {
                var text = literal.Content.ToString();
                if (text.Contains('\''))
                {
                    literal.Content = new Markdig.Helpers.StringSlice(Typography.Apostrophes(text));
                }
            }
            html = document.ToHtml(pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit, met while parsing or rendering: deep nesting the checks before
            // parsing let through, or (as Markdig's own message says) a very large table.
            return new MarkdownRendering("", MarkdownLimits.ParserLimitMessage);
        }
        return new MarkdownRendering(_sanitizer.Sanitize(html), null);
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
            if (e.Node is not AngleSharp.Dom.IElement { TagName: "A" or "IMG" } element)
            {
                return;
            }
            var attribute = element.TagName == "A" ? "href" : "src";
            if (element.GetAttribute(attribute) is not { } url)
            {
                return;
            }
            // "//host/path" (and "/\host" or "\\host", which browsers read the same way) leaves the
            // site although it looks relative: make it an explicit https link.
            if (url.Length > 1 && url[0] is '/' or '\\' && url[1] is '/' or '\\')
            {
                url = "https://" + url[2..].TrimStart('/', '\\');
                element.SetAttribute(attribute, url);
            }
            if (element.TagName == "A" && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                element.SetAttribute("rel", "noopener noreferrer");
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
