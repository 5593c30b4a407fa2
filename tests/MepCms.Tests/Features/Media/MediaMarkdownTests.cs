using MepCms.Tests.Support;
using MepCms.Web.Features.Admin.Media;
using MepCms.Web.Infrastructure.Markdown;

namespace MepCms.Tests.Features.Media;

/// <summary>The Markdown the picker inserts survives the sanitiser; script and data URLs in its place do not.</summary>
public sealed class MediaMarkdownTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void An_inserted_library_image_renders_as_an_img_of_the_site_with_its_alt_text()
    {
        var markdown = MediaMarkdown.Image("Vote [final] in \"plenary\"", "/media/0123456789abcdef0123456789abcdef.png");

        var img = Html.Parse(_renderer.Render($"Before.\n\n{markdown}\n\nAfter.")).QuerySelector("img");

        Assert.NotNull(img);
        Assert.Equal("/media/0123456789abcdef0123456789abcdef.png", img.GetAttribute("src"));
        Assert.Equal("Vote [final] in \u201Cplenary\u201D", img.GetAttribute("alt")); // typographic quotes, as in the text
    }

    [Theory]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](JaVaScRiPt:alert(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)")]
    [InlineData("![x](vbscript:msgbox(1))")]
    public void An_image_with_a_script_or_data_url_loses_its_source(string markdown)
    {
        var html = _renderer.Render(markdown);

        Assert.Empty(Html.ActiveContent(Html.Parse(html)));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
