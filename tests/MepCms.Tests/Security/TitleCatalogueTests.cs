using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Security;

namespace MepCms.Tests.Security;

/// <summary>Catalogue rows T1 and T4 on the public pages that exist: the head, the sharing tags and the lists.</summary>
public sealed class TitleCatalogueTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private const string Payload = "\"><img src=x onerror=alert(1)></title><script>alert(1)</script>";

    [Fact]
    public async Task T1_a_hostile_title_is_encoded_in_the_title_sharing_tags_and_heading_of_its_page()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: Payload));

        var page = await app.CreateClient().GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Empty(LiveContent(page));
        Assert.StartsWith(Payload, page.Title);
        Assert.Equal(Payload, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(Payload, page.QuerySelector("meta[name='twitter:title']")!.GetAttribute("content"));
        Assert.Equal(Payload, page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("img"));
    }

    [Fact]
    public async Task T1_a_hostile_title_and_mep_name_are_encoded_in_the_list_of_statements()
    {
        await app.SaveAsync(TestData.Article(app, title: Payload, authors: TestData.Author(Payload)));

        var page = await app.CreateClient().GetDocumentAsync("/");

        Assert.Empty(LiveContent(page));
        Assert.Contains(page.QuerySelectorAll(".article-card__title"), t => t.TextContent.Trim() == Payload);
        Assert.Empty(page.QuerySelectorAll("img"));
    }

    /// <summary>
    /// Script, handlers and script URLs anywhere; forms and frames only where data is shown (the
    /// head and the main content), as the site's own search form sits in the header.
    /// </summary>
    public static IEnumerable<string> LiveContent(AngleSharp.Dom.IDocument page) =>
        Html.ActiveContent(page.DocumentElement).Where(finding => !finding.StartsWith("element: ", StringComparison.Ordinal))
            .Concat(Html.ActiveContent(page.Head!))
            .Concat(Html.ActiveContent(WithoutRatingForm(page.QuerySelector("main")!)))
            .Distinct();

    /// <summary>The statement's own rating form is the site's, not the data's.</summary>
    private static AngleSharp.Dom.IElement WithoutRatingForm(AngleSharp.Dom.IElement main)
    {
        var copy = (AngleSharp.Dom.IElement)main.Clone();
        foreach (var form in copy.QuerySelectorAll(".rating__form").ToList())
        {
            form.Remove();
        }
        return copy;
    }

    [Theory]
    [InlineData("Vote \u202Eecnatsiser", "Vote ecnatsiser")]
    [InlineData("\u2066Metsola\u2069 speaks", "Metsola speaks")]
    [InlineData("Zero\u200Bwidth", "Zerowidth")]
    [InlineData("Line\r\nbreak\tand\0nul", "Line break and\uFFFDnul")]
    [InlineData("Mu\u0308ller", "Müller")]
    public void T4_T6_T8_titles_lose_bidi_overrides_invisible_and_control_characters_and_are_nfc(string typed, string stored)
    {
        Assert.Equal(stored, TextInput.CleanLine(typed));
    }
}
