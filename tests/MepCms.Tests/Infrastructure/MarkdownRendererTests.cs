using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Markdown;

namespace MepCms.Tests.Infrastructure;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg><animate onbegin=alert(1) attributeName=x dur=1s>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java%0Ascript:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x]( javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("![a](x \"t\\\" onerror=\\\"alert(1))")]
    [InlineData("# Hi {onclick=alert(1)}")]
    [InlineData("![i](x){onerror=alert(1)}")]
    [InlineData("<iframe src=https://example.org></iframe><form action=/x><input name=a></form><style>*{}</style>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<![CDATA[<img src=x onerror=alert(1)>]]>")]
    [InlineData("<!--><img src=x onerror=alert(1)>-->")]
    public void Hostile_markdown_comes_out_inert(string markdown)
    {
        var html = _renderer.Render(markdown);

        Assert.Empty(Html.ActiveContent(Html.Parse($"<div>{html}</div>").Body!));
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = _renderer.Render("<script>alert(1)</script>");

        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting_and_safe_links()
    {
        var html = _renderer.Render("## Vote\n\n> \"A good day\", said the MEP.\n\n- one\n- two\n\nSee [the report](https://www.europarl.europa.eu/) or [write](mailto:press@example.eu).");
        var doc = Html.Parse(html);

        Assert.NotNull(doc.QuerySelector("h2"));
        Assert.NotNull(doc.QuerySelector("blockquote"));
        Assert.Equal(2, doc.QuerySelectorAll("li").Length);
        Assert.Equal("https://www.europarl.europa.eu/", doc.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", doc.QuerySelector("a")!.GetAttribute("rel"));
        Assert.Equal("mailto:press@example.eu", doc.QuerySelectorAll("a")[1].GetAttribute("href"));
    }

    [Fact]
    public void Quotes_apostrophes_and_dashes_come_out_typographic_but_code_and_links_stay_as_typed()
    {
        var doc = Html.Parse(_renderer.Render("\"It's a vote for Europe\" -- and the 2024--2029 term... See `\"raw\" -- code` and [it's here](https://example.org/a--b)."));
        var text = doc.QuerySelector("p")!.TextContent;

        Assert.StartsWith("\u201CIt\u2019s a vote for Europe\u201D \u2013 and the 2024\u20132029 term\u2026", text);
        Assert.Equal("\"raw\" -- code", doc.QuerySelector("code")!.TextContent);
        Assert.Equal("https://example.org/a--b", doc.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Headings_in_a_body_start_below_the_page_title()
    {
        var doc = Html.Parse(_renderer.Render("# Big\n\ntext"));

        Assert.Null(doc.QuerySelector("h1"));
        Assert.Equal("Big", doc.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public void Image_title_is_attribute_encoded()
    {
        var doc = Html.Parse(_renderer.Render("![a](https://example.org/x.png \"t\\\" onerror=\\\"alert(1)\")"));

        var image = doc.QuerySelector("img")!;
        Assert.Null(image.GetAttribute("onerror"));
        Assert.Equal("t\" onerror=\"alert(1)", image.GetAttribute("title"));
    }
}
