using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Settings;

/// <summary>
/// The office's own identity, set by admins at /admin/settings: one row. An empty value falls back to
/// the `Site` settings (name, tagline) or to the built-in text (legal notice, privacy, accessibility).
/// </summary>
public sealed class SiteSettings
{
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;
    public string? Name { get; set; }
    public string? Tagline { get; set; }
    /// <summary>#rrggbb: the header and buttons; white text on it meets WCAG AA.</summary>
    public string? BrandColour { get; set; }
    /// <summary>#rrggbb: rules, kickers, highlights; it meets WCAG AA as text on white.</summary>
    public string? AccentColour { get; set; }
    public string? FooterText { get; set; }
    public string? PressEmail { get; set; }
    public string? PressPhone { get; set; }
    public string? PressAddress { get; set; }
    /// <summary>The office's profiles elsewhere: one https address per line.</summary>
    public string SocialLinks { get; set; } = "";
    public string LegalNoticeMarkdown { get; set; } = "";
    public string LegalNoticeHtml { get; set; } = "";
    public string PrivacyMarkdown { get; set; } = "";
    public string PrivacyHtml { get; set; } = "";
    public string AccessibilityMarkdown { get; set; } = "";
    public string AccessibilityHtml { get; set; } = "";
    /// <summary>A sanitised SVG or a re-encoded PNG.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    /// <summary>Renewed on every save: the concurrency token, and the version in the logo's and theme's addresses.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public static class SiteSettingsLimits
{
    public const int Name = 100;
    public const int Tagline = 200;
    public const int FooterText = 500;
    public const int PressAddress = 300;
    public const int Phone = 40;
    public const int SocialLinks = 2_000;
    public const int SocialLinkCount = 10;
    public const int PageMarkdown = 30_000;
    public const int PageHtml = 80_000;
    public const int LogoBytes = 200 * 1024;
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.ToTable("SiteSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(SiteSettingsLimits.Name);
        builder.Property(s => s.Tagline).HasMaxLength(SiteSettingsLimits.Tagline);
        builder.Property(s => s.BrandColour).HasMaxLength(7);
        builder.Property(s => s.AccentColour).HasMaxLength(7);
        builder.Property(s => s.FooterText).HasMaxLength(SiteSettingsLimits.FooterText);
        builder.Property(s => s.PressEmail).HasMaxLength(Limits.Email);
        builder.Property(s => s.PressPhone).HasMaxLength(SiteSettingsLimits.Phone);
        builder.Property(s => s.PressAddress).HasMaxLength(SiteSettingsLimits.PressAddress);
        builder.Property(s => s.SocialLinks).HasMaxLength(SiteSettingsLimits.SocialLinks).IsRequired();
        builder.Property(s => s.LegalNoticeMarkdown).HasMaxLength(SiteSettingsLimits.PageMarkdown).IsRequired();
        builder.Property(s => s.LegalNoticeHtml).HasMaxLength(SiteSettingsLimits.PageHtml).IsRequired();
        builder.Property(s => s.PrivacyMarkdown).HasMaxLength(SiteSettingsLimits.PageMarkdown).IsRequired();
        builder.Property(s => s.PrivacyHtml).HasMaxLength(SiteSettingsLimits.PageHtml).IsRequired();
        builder.Property(s => s.AccessibilityMarkdown).HasMaxLength(SiteSettingsLimits.PageMarkdown).IsRequired();
        builder.Property(s => s.AccessibilityHtml).HasMaxLength(SiteSettingsLimits.PageHtml).IsRequired();
        builder.Property(s => s.Logo).HasMaxLength(SiteSettingsLimits.LogoBytes);
        builder.Property(s => s.LogoContentType).HasMaxLength(32);
        builder.Property(s => s.UpdatedById).HasMaxLength(Limits.UserId);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
