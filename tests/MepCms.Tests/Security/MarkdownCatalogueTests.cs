using System.Diagnostics;
using AngleSharp.Dom;
using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Markdown;

namespace MepCms.Tests.Security;

/// <summary>
/// Catalogue rows M1–M22: hostile Markdown bodies, rendered by the one pipeline and parsed back the
/// way a browser would. Output never holds script, on* attributes, non-http(s)/mailto URLs, style,
/// id, form or frame elements.
/// </summary>
public sealed class MarkdownCatalogueTests
{
    private readonly MarkdownRenderer _renderer = new();

    private IElement Render(string markdown)
    {
        var body = Html.Parse($"<div>{_renderer.Render(markdown)}</div>").Body!;
        Assert.Empty(Html.ActiveContent(body));
        Assert.Empty(body.QuerySelectorAll("[style], [id], [class], style, form, input, button, textarea, select, iframe, object, embed, base, meta, svg, math"));
        return body;
    }

    [Fact]
    public void M1_a_script_tag_is_shown_as_text()
    {
        Assert.Contains("<script>alert(1)</script>", Render("<script>alert(1)</script>").TextContent);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg><animate onbegin=alert(1) attributeName=x dur=1s>")]
    public void M2_html_with_event_handlers_is_shown_as_text(string markdown)
    {
        var body = Render(markdown);

        Assert.Contains(markdown, body.TextContent);
        Assert.Empty(body.QuerySelectorAll("img"));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java%0Ascript:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x]( javascript:alert(1))")]
    public void M3_M4_javascript_links_keep_their_text_but_lose_the_href(string markdown)
    {
        var body = Render(markdown);

        Assert.Contains("x", body.TextContent);
        Assert.DoesNotContain(body.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("script", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void M5_a_javascript_autolink_is_not_a_link()
    {
        Assert.Empty(Render("<javascript:alert(1)>").QuerySelectorAll("a[href]"));
    }

    [Theory]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    public void M6_data_and_vbscript_urls_are_dropped(string markdown)
    {
        Assert.Empty(Render(markdown).QuerySelectorAll("a[href], img[src]"));
    }

    [Theory]
    [InlineData("![a](x \"t\\\" onerror=\\\"alert(1))")]
    [InlineData("![a](https://example.org/x.png \"t\\\" onerror=\\\"alert(1)\")")]
    [InlineData("[a](https://example.org/ \"t\\\" onmouseover=\\\"alert(1)\")")]
    public void M7_a_quote_in_a_title_stays_inside_the_attribute(string markdown)
    {
        Assert.All(Render(markdown).QuerySelectorAll("*"), e => Assert.All(e.Attributes, a => Assert.Contains(a.Name, new[] { "href", "src", "alt", "title", "rel" })));
    }

    [Theory]
    [InlineData("# Hi {onclick=alert(1)}", "{onclick=alert(1)}")]
    [InlineData("![i](https://example.org/i.png){onerror=alert(1)}", "{onerror=alert(1)}")]
    public void M8_generic_attribute_syntax_is_rendered_literally(string markdown, string literal)
    {
        Assert.Contains(literal, Render(markdown).TextContent);
    }

    [Fact]
    public void M9_protocol_relative_links_become_explicit_https_links_without_referrer()
    {
        var link = Render("[x](//evil.example/p)").QuerySelector("a")!;

        Assert.Equal("https://evil.example/p", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("[x](/\\evil.example/p)")]
    [InlineData("[x](\\\\evil.example/p)")]
    public void M9_backslashes_that_browsers_read_as_slashes_are_percent_encoded_and_stay_on_the_site(string markdown)
    {
        var href = Render(markdown).QuerySelector("a")!.GetAttribute("href")!;

        Assert.Contains("%5C", href);
        Assert.False(href.StartsWith("//", StringComparison.Ordinal) || href.Contains('\\'), href);
    }

    [Fact]
    public void M10_a_login_form_is_shown_as_text()
    {
        var markdown = "<form action=https://evil.example><input name=password><button>Login</button></form>";

        Assert.Contains(markdown, Render(markdown).TextContent);
    }

    [Theory]
    [InlineData("<iframe src=https://evil.example>")]
    [InlineData("<object data=https://evil.example/x.swf>")]
    [InlineData("<embed src=https://evil.example/x.swf>")]
    [InlineData("<base href=//evil.example>")]
    [InlineData("<meta http-equiv=refresh content=\"0;url=https://evil.example\">")]
    public void M11_frames_objects_base_and_meta_are_shown_as_text(string markdown)
    {
        // Shown as text, with typographic quotes like any other text.
        Assert.Contains(markdown, Render(markdown).TextContent.Replace('\u201C', '"').Replace('\u201D', '"'));
    }

    [Fact]
    public void M12_an_overlay_with_a_style_attribute_is_shown_as_text()
    {
        var markdown = "<div style=\"position:fixed;inset:0;background:url(//evil.example/x)\">";

        Assert.Contains(markdown, Render(markdown).TextContent);
    }

    [Fact]
    public void M13_headings_get_no_id_that_could_clobber_a_page_element()
    {
        var body = Render("# rating-form\n\n## main\n\n### site-header");

        Assert.Equal(3, body.QuerySelectorAll("h2, h3").Length);
    }

    [Theory]
    [InlineData("{{ 7*7 }}")]
    [InlineData("@DateTime.Now")]
    [InlineData("${7*7}")]
    [InlineData("<%= 7*7 %>")]
    public void M14_template_syntax_is_rendered_literally(string markdown)
    {
        Assert.Contains(markdown, Render(markdown).TextContent);
    }

    [Theory]
    [InlineData("<![CDATA[><img src=x onerror=alert(1)>]]>")] // M15
    [InlineData("<!--x--!><img src=x onerror=alert(1)>-->")] // M16
    [InlineData("<p xxx:onclick=alert(1)>t</p>")] // M17
    [InlineData("<xmp><img src=x onerror=alert(1)></xmp>")] // M18
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    public void M15_to_M18_parser_differential_payloads_stay_text_after_the_browser_parses_them(string markdown)
    {
        var body = Render(markdown);

        Assert.Empty(body.QuerySelectorAll("img, xmp, noscript"));
        Assert.Contains("alert(1)", body.TextContent);
    }

    [Theory]
    [InlineData("quotes")]
    [InlineData("brackets")]
    [InlineData("emphasis")]
    [InlineData("nested lists")]
    [InlineData("spaced quotes")]
    public void M19_pathologically_nested_markdown_is_refused_with_a_message_in_under_a_second(string kind)
    {
        var markdown = kind switch
        {
            "quotes" => new string('>', 100_000),
            "brackets" => new string('[', 100_000),
            "nested lists" => string.Concat(Enumerable.Repeat("- ", 50_000)),
            "spaced quotes" => string.Concat(Enumerable.Repeat("> ", 50_000)),
            _ => new string('*', 30_000) + "x" + new string('*', 30_000),
        };
        var watch = Stopwatch.StartNew();

        var rendering = _renderer.TryRender(markdown);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        if (!rendering.Succeeded)
        {
            Assert.Contains("nested too deeply", rendering.Error);
            Assert.Throws<MarkdownRejectedException>(() => _renderer.Render(markdown));
        }
    }

    [Fact]
    public void M19_ordinary_nesting_of_quotes_lists_and_links_still_renders()
    {
        var rendering = _renderer.TryRender("> > quoted twice\n\n- a\n  - b\n    - c\n\n[[1]](https://example.org/) and [a [nested] link](https://example.org/)");

        Assert.True(rendering.Succeeded, rendering.Error);
        Assert.Equal(2, Html.Parse(rendering.Html).QuerySelectorAll("blockquote").Length);
    }

    [Fact]
    public void M20_a_five_megabyte_body_is_refused_before_rendering()
    {
        var markdown = new string('a', 5 * 1024 * 1024);
        var watch = Stopwatch.StartNew();

        var rendering = _renderer.TryRender(markdown);

        Assert.False(rendering.Succeeded);
        Assert.Equal("The text is too long: at most 100,000 characters.", rendering.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void M19_M20_a_form_field_marked_as_markdown_reports_the_refusal_as_a_validation_error()
    {
        var form = new StatementForm { Body = new string('>', 10_000) };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(form, new(form), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal(nameof(StatementForm.Body), Assert.Single(results).MemberNames.Single());
    }

    private sealed class StatementForm
    {
        [Markdown]
        public string Body { get; set; } = "";
    }

    [Theory]
    [InlineData("nul")]
    [InlineData("lone high surrogate")]
    [InlineData("lone low surrogate")]
    public void M21_nul_and_lone_surrogates_become_the_replacement_character(string kind)
    {
        // Built here: an attribute argument cannot carry a lone surrogate.
        var invalid = kind switch { "nul" => '\0', "lone high surrogate" => '\uD800', _ => '\uDC00' };

        var html = _renderer.Render($"a{invalid}b");

        Assert.Contains("a\uFFFDb", html);
        Assert.DoesNotContain(html, c => char.IsSurrogate(c) || c == '\0');
    }

    [Fact]
    public void M21_emoji_and_other_valid_surrogate_pairs_are_kept()
    {
        Assert.Contains("🇪🇺", _renderer.Render("Europe 🇪🇺"));
    }

    [Fact]
    public void M22_a_ten_thousand_row_table_is_refused_before_rendering()
    {
        var markdown = "|a|b|\n|-|-|\n" + string.Concat(Enumerable.Repeat("|1|2|\n", 10_000));
        var watch = Stopwatch.StartNew();

        var rendering = _renderer.TryRender(markdown);

        Assert.Equal("Tables are limited to 1,000 rows.", rendering.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void M22_a_table_of_a_thousand_rows_renders_within_the_time_budget()
    {
        var markdown = "|a|b|\n|-|-|\n" + string.Concat(Enumerable.Repeat("|1|2|\n", 998));
        var watch = Stopwatch.StartNew();

        var rendering = _renderer.TryRender(markdown);

        Assert.True(rendering.Succeeded, rendering.Error);
        Assert.Equal(998, Html.Parse(rendering.Html).QuerySelectorAll("tbody tr").Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
