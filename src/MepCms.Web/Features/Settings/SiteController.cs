using System.Globalization;
using System.Text;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Settings;

public sealed record InfoPageViewModel(string Heading, string Html, PageMeta Meta) : IHasPageMeta;

/// <summary>The legal notice, privacy notice and accessibility statement, and the office's logo and colours.</summary>
public sealed class SiteController(SiteIdentity identity) : Controller
{
    public const string CacheTag = "site-pages";

    [HttpGet("/legal-notice")]
    public Task<IActionResult> LegalNotice(CancellationToken cancellationToken) =>
        PageAsync(InfoPage.LegalNotice, SiteText.Get("LegalNoticeTitle"), "/legal-notice", cancellationToken);

    [HttpGet("/privacy")]
    public Task<IActionResult> Privacy(CancellationToken cancellationToken) =>
        PageAsync(InfoPage.Privacy, SiteText.Get("PrivacyTitle"), "/privacy", cancellationToken);

    [HttpGet("/accessibility")]
    public Task<IActionResult> Accessibility(CancellationToken cancellationToken) =>
        PageAsync(InfoPage.Accessibility, SiteText.Get("AccessibilityTitle"), "/accessibility", cancellationToken);

    /// <summary>The logo, from the site itself; its address carries the settings' version, so it is cached for a year.</summary>
    [HttpGet("/brand/logo")]
    public async Task<IActionResult> Logo(CancellationToken cancellationToken)
    {
        if (await identity.LogoAsync(cancellationToken) is not { } logo)
        {
            return NotFound();
        }
        Immutable();
        return File(logo.Content, logo.ContentType);
    }

    /// <summary>The office's colours as custom properties over the built-in light palette (the dark one stays).</summary>
    [HttpGet("/brand/theme.css")]
    public async Task<IActionResult> Theme(CancellationToken cancellationToken)
    {
        var brand = await identity.CurrentAsync(cancellationToken);
        var css = new StringBuilder(":root {");
        if (brand.BrandColour is { } colour)
        {
            css.Append(CultureInfo.InvariantCulture, $" --brand: {colour}; --brand-text: {colour};");
        }
        if (brand.AccentColour is { } accent)
        {
            css.Append(CultureInfo.InvariantCulture, $" --accent: {accent};");
        }
        css.Append(" }\n");
        Immutable();
        return Content(css.ToString(), "text/css; charset=utf-8");
    }

    private void Immutable() => Response.Headers.CacheControl = "public, max-age=31536000, immutable";

    private async Task<IActionResult> PageAsync(InfoPage page, string heading, string path, CancellationToken cancellationToken)
    {
        var brand = await identity.CurrentAsync(cancellationToken);
        var html = await identity.PageHtmlAsync(page, cancellationToken);
        return View("InfoPage", new InfoPageViewModel(heading, html, new PageMeta(heading, SiteText.Format("InfoPageDescription", heading, brand.Name), path)));
    }
}
