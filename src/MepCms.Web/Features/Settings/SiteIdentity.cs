using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Settings;

/// <summary>A profile of the office elsewhere, named after its service ("Bluesky", "LinkedIn").</summary>
public sealed record SocialLink(string Name, string Url);

/// <summary>How the site presents itself on every page: the stored settings over the `Site` settings.</summary>
public sealed record Brand(string Name, string Tagline)
{
    public string? BrandColour { get; init; }
    public string? AccentColour { get; init; }
    public string? FooterText { get; init; }
    public string? PressEmail { get; init; }
    public string? PressPhone { get; init; }
    public string? PressAddress { get; init; }
    public IReadOnlyList<SocialLink> Social { get; init; } = [];
    /// <summary>The logo's address (versioned, cached for a year), none without a logo.</summary>
    public string? LogoUrl { get; init; }
    /// <summary>The colours' style sheet (versioned), none while the built-in colours apply.</summary>
    public string? ThemeUrl { get; init; }
    public bool HasPressContact => PressEmail is not null || PressPhone is not null || PressAddress is not null;
}

/// <summary>The three pages every public body's site carries, written by the office or built in.</summary>
public enum InfoPage { LegalNotice, Privacy, Accessibility }

/// <summary>
/// The current <see cref="Brand"/> and info pages, read once and kept for <see cref="Lifetime"/>:
/// the instance that saves forgets them at once; another instance within the lifetime (decision 0250).
/// </summary>
public sealed class SiteIdentity(IServiceScopeFactory scopes, IOptions<SiteOptions> site, IMarkdownRenderer markdown, TimeProvider clock, ILogger<SiteIdentity> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(Brand Brand, Dictionary<InfoPage, string> Pages, DateTimeOffset Until);

    private volatile Snapshot? _snapshot;

    public async ValueTask<Brand> CurrentAsync(CancellationToken cancellationToken = default) => (await SnapshotAsync(cancellationToken)).Brand;

    /// <summary>The page's sanitised HTML: the office's own text, or the built-in one.</summary>
    public async ValueTask<string> PageHtmlAsync(InfoPage page, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).Pages[page];

    /// <summary>Forgets what was read: the settings changed.</summary>
    public void Forget() => _snapshot = null;

    /// <summary>The stored logo, or null.</summary>
    public async Task<(byte[] Content, string ContentType, Guid Version)?> LogoAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var logo = await db.SiteSettings.AsNoTracking().Where(s => s.Id == SiteSettings.TheRow && s.Logo != null)
            .Select(s => new { s.Logo, s.LogoContentType, s.Version }).FirstOrDefaultAsync(cancellationToken);
        return logo is null ? null : (logo.Logo!, logo.LogoContentType!, logo.Version);
    }

    private async ValueTask<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } known && known.Until > clock.GetUtcNow())
        {
            return known;
        }
        try
        {
            return _snapshot = await LoadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database is away: pages (the 503 page among them) keep the last identity known, or the settings'.
            logger.LogWarning(exception, "The site settings could not be read; showing the last known ones");
            return _snapshot ?? new Snapshot(new Brand(site.Value.Name, site.Value.Tagline), Defaults(new Brand(site.Value.Name, site.Value.Tagline)), clock.GetUtcNow());
        }
    }

    private Dictionary<InfoPage, string> Defaults(Brand brand) => new()
    {
        [InfoPage.LegalNotice] = markdown.Render(DefaultPages.LegalNotice(brand)),
        [InfoPage.Privacy] = markdown.Render(DefaultPages.Privacy(brand)),
        [InfoPage.Accessibility] = markdown.Render(DefaultPages.Accessibility(brand)),
    };

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var row = await db.SiteSettings.AsNoTracking().Where(s => s.Id == SiteSettings.TheRow).Select(s => new
        {
            s.Name, s.Tagline, s.BrandColour, s.AccentColour, s.FooterText, s.PressEmail, s.PressPhone, s.PressAddress, s.SocialLinks,
            s.LegalNoticeHtml, s.PrivacyHtml, s.AccessibilityHtml, HasLogo = s.Logo != null, s.Version,
        }).FirstOrDefaultAsync(cancellationToken);
        var options = site.Value;
        var version = row?.Version.ToString("N")[..12];
        var brand = new Brand(Blank(row?.Name) ?? options.Name, Blank(row?.Tagline) ?? options.Tagline)
        {
            BrandColour = row?.BrandColour, AccentColour = row?.AccentColour, FooterText = Blank(row?.FooterText),
            PressEmail = Blank(row?.PressEmail), PressPhone = Blank(row?.PressPhone), PressAddress = Blank(row?.PressAddress),
            Social = SocialLinks.Parse(row?.SocialLinks).Links,
            LogoUrl = row is { HasLogo: true } ? $"/brand/logo?v={version}" : null,
            ThemeUrl = row?.BrandColour is not null || row?.AccentColour is not null ? $"/brand/theme.css?v={version}" : null,
        };
        var pages = Defaults(brand);
        pages[InfoPage.LegalNotice] = Blank(row?.LegalNoticeHtml) ?? pages[InfoPage.LegalNotice];
        pages[InfoPage.Privacy] = Blank(row?.PrivacyHtml) ?? pages[InfoPage.Privacy];
        pages[InfoPage.Accessibility] = Blank(row?.AccessibilityHtml) ?? pages[InfoPage.Accessibility];
        return new Snapshot(brand, pages, clock.GetUtcNow() + Lifetime);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
