using System.Text;
using MepCms.Web.Features.Settings;

namespace MepCms.Tests.Features.Settings;

/// <summary>The checks behind the settings form: WCAG contrast, the logo's SVG allow-list, the social profiles.</summary>
public sealed class BrandChecksTests
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#767676", "#ffffff", 4.54)]
    [InlineData("#123a73", "#ffffff", 11.18)]
    public void Contrast_follows_the_wcag_formula(string a, string b, double expected) =>
        Assert.Equal(expected, Contrast.Ratio(a, b), 1);

    [Fact]
    public void A_ratio_just_under_the_threshold_never_reads_as_meeting_it() =>
        Assert.Equal("4.4:1", Contrast.Text(4.4999));

    [Theory]
    [InlineData("#12345")]
    [InlineData("123456")]
    [InlineData("#12345g")]
    [InlineData("red")]
    [InlineData(null)]
    public void Only_hash_and_six_hex_digits_is_a_colour(string? value) => Assert.False(Contrast.IsColour(value));

    [Fact]
    public void An_svg_with_a_dtd_or_entities_is_refused()
    {
        const string xxe = """<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>""";

        Assert.Null(Logo.SanitiseSvg(Encoding.UTF8.GetBytes(xxe)));
        Assert.NotNull(Logo.Read(Encoding.UTF8.GetBytes(xxe)).Error);
    }

    [Fact]
    public void A_file_that_is_not_svg_or_png_is_refused()
    {
        Assert.NotNull(Logo.Read(Encoding.UTF8.GetBytes("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>")).Error);
        Assert.NotNull(Logo.Read([0xFF, 0xD8, 0xFF, 0xE0]).Error);
        Assert.NotNull(Logo.Read([]).Error);
    }

    [Fact]
    public void Social_profiles_are_https_addresses_named_after_their_service()
    {
        var (links, refused) = SocialLinks.Parse("https://www.instagram.com/lobo\r\n\r\nhttps://eupolicy.social/@lobo\nhttps://example.org/news\nftp://x.example\nhttps://user:pw@x.example");

        Assert.Equal(["Instagram", "Mastodon", "example.org"], links.Select(l => l.Name));
        Assert.Equal(["ftp://x.example", "https://user:pw@x.example"], refused);
    }
}
