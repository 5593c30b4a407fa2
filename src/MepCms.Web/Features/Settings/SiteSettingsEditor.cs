using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Markdown;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Settings;

/// <summary>The /admin/settings form.</summary>
public sealed class SiteSettingsForm
{
    public Guid Version { get; set; }
    [StringLength(SiteSettingsLimits.Name), Display(Name = "Site name")]
    public string? Name { get; set; }
    [StringLength(SiteSettingsLimits.Tagline)]
    public string? Tagline { get; set; }
    [Display(Name = "Brand colour")]
    public string? BrandColour { get; set; }
    [Display(Name = "Accent colour")]
    public string? AccentColour { get; set; }
    [StringLength(SiteSettingsLimits.FooterText), Display(Name = "Footer text")]
    public string? FooterText { get; set; }
    [StringLength(Limits.Email), Display(Name = "Press e-mail")]
    public string? PressEmail { get; set; }
    [StringLength(SiteSettingsLimits.Phone), Display(Name = "Press telephone")]
    public string? PressPhone { get; set; }
    [StringLength(SiteSettingsLimits.PressAddress), Display(Name = "Postal address")]
    public string? PressAddress { get; set; }
    [StringLength(SiteSettingsLimits.SocialLinks), Display(Name = "Social profiles")]
    public string? SocialLinks { get; set; }
    [StringLength(SiteSettingsLimits.PageMarkdown), Display(Name = "Legal notice")]
    public string? LegalNoticeMarkdown { get; set; }
    [StringLength(SiteSettingsLimits.PageMarkdown), Display(Name = "Privacy notice")]
    public string? PrivacyMarkdown { get; set; }
    [StringLength(SiteSettingsLimits.PageMarkdown), Display(Name = "Accessibility statement")]
    public string? AccessibilityMarkdown { get; set; }
    public IFormFile? LogoFile { get; set; }
    public bool RemoveLogo { get; set; }

    public static SiteSettingsForm From(SiteSettings? s) => s is null ? new() : new()
    {
        Version = s.Version, Name = s.Name, Tagline = s.Tagline, BrandColour = s.BrandColour, AccentColour = s.AccentColour, FooterText = s.FooterText,
        PressEmail = s.PressEmail, PressPhone = s.PressPhone, PressAddress = s.PressAddress, SocialLinks = s.SocialLinks,
        LegalNoticeMarkdown = s.LegalNoticeMarkdown, PrivacyMarkdown = s.PrivacyMarkdown, AccessibilityMarkdown = s.AccessibilityMarkdown,
    };
}

public enum SettingsOutcome { Saved, Invalid, Conflict }

/// <summary>Checks and saves the settings: colours against WCAG AA, the logo through <see cref="Logo"/>, pages through the Markdown pipeline.</summary>
public sealed class SiteSettingsEditor(MepCmsDbContext db, IMarkdownRenderer markdown, SiteIdentity identity, IPublicCache cache, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<SiteSettingsEditor> logger)
{
    public Task<SiteSettings?> LoadAsync(CancellationToken cancellationToken) =>
        db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SiteSettings.TheRow, cancellationToken);

    public async Task<SettingsOutcome> SaveAsync(SiteSettingsForm form, ClaimsPrincipal user, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        var row = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == SiteSettings.TheRow, cancellationToken);
        if (row is not null && row.Version != form.Version)
        {
            return SettingsOutcome.Conflict;
        }
        Colour(form.BrandColour, nameof(form.BrandColour), "brand colour", "white text on it", errors);
        Colour(form.AccentColour, nameof(form.AccentColour), "accent colour", "it as text on white", errors);
        var email = Blank(form.PressEmail);
        if (email is not null && MailAddresses.Normalise(email) is null)
        {
            errors.AddModelError(nameof(form.PressEmail), "Enter the press e-mail as one address, like press@example.eu.");
        }
        var social = Settings.SocialLinks.Parse(form.SocialLinks);
        if (social.Refused.Count > 0)
        {
            errors.AddModelError(nameof(form.SocialLinks), $"Each social profile must be an https:// address on its own line; not: {string.Join(", ", social.Refused.Take(3))}.");
        }
        else if (social.Links.Count > SiteSettingsLimits.SocialLinkCount)
        {
            errors.AddModelError(nameof(form.SocialLinks), $"Give at most {SiteSettingsLimits.SocialLinkCount} social profiles.");
        }
        var legal = Render(form.LegalNoticeMarkdown, nameof(form.LegalNoticeMarkdown), errors);
        var privacy = Render(form.PrivacyMarkdown, nameof(form.PrivacyMarkdown), errors);
        var accessibility = Render(form.AccessibilityMarkdown, nameof(form.AccessibilityMarkdown), errors);
        LogoUpload? logo = null;
        if (form.LogoFile is { Length: > 0 } file && !form.RemoveLogo)
        {
            if (file.Length > SiteSettingsLimits.LogoBytes)
            {
                errors.AddModelError(nameof(form.LogoFile), $"The logo may be at most {SiteSettingsLimits.LogoBytes / 1024} KB.");
            }
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                logo = Logo.Read(buffer.ToArray());
                if (logo.Error is { } error)
                {
                    errors.AddModelError(nameof(form.LogoFile), error);
                }
            }
        }
        if (!errors.IsValid)
        {
            return SettingsOutcome.Invalid;
        }
        var before = row is null ? new SiteSettings() : Copy(row);
        if (row is null)
        {
            db.SiteSettings.Add(row = new SiteSettings());
        }
        (row.Name, row.Tagline, row.FooterText) = (Blank(form.Name), Blank(form.Tagline), Blank(form.FooterText));
        (row.BrandColour, row.AccentColour) = (Blank(form.BrandColour)?.ToLowerInvariant(), Blank(form.AccentColour)?.ToLowerInvariant());
        (row.PressEmail, row.PressPhone, row.PressAddress) = (email is null ? null : MailAddresses.Normalise(email), Blank(form.PressPhone), Blank(form.PressAddress));
        row.SocialLinks = string.Join('\n', social.Links.Select(l => l.Url));
        (row.LegalNoticeMarkdown, row.LegalNoticeHtml) = legal;
        (row.PrivacyMarkdown, row.PrivacyHtml) = privacy;
        (row.AccessibilityMarkdown, row.AccessibilityHtml) = accessibility;
        if (form.RemoveLogo)
        {
            (row.Logo, row.LogoContentType) = (null, null);
        }
        else if (logo is { Content: { } content })
        {
            (row.Logo, row.LogoContentType) = (content, logo.ContentType);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        (row.UpdatedAt, row.UpdatedById, row.Version) = (now, user.Id(), Guid.NewGuid());
        var changed = Changes(before, row);
        db.Record(user, now, AuditActions.SiteSettingsChanged, "SiteSettings", SiteSettings.TheRow,
            changed.Count == 0 ? "Saved without changes" : "Changed " + string.Join(", ", changed));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin saved (or created the row) at the same moment.
            db.ChangeTracker.Clear();
            return SettingsOutcome.Conflict;
        }
        await ApplyEverywhereAsync(cancellationToken);
        return SettingsOutcome.Saved;
    }

    /// <summary>
    /// This instance forgets the old identity and every cached page at once; the others keep theirs for
    /// at most <see cref="SiteIdentity.Lifetime"/>, so the pages are evicted once more after it.
    /// </summary>
    private async Task ApplyEverywhereAsync(CancellationToken cancellationToken)
    {
        identity.Forget();
        await cache.EvictAllAsync(cancellationToken);
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(SiteIdentity.Lifetime + TimeSpan.FromSeconds(5), clock, stopping);
                await cache.EvictAllAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: the other instances' pages expire on their own.
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The second eviction after a settings change failed");
            }
        }, CancellationToken.None);
    }

    private void Colour(string? value, string field, string what, string use, ModelStateDictionary errors)
    {
        if (Blank(value) is not { } colour)
        {
            return;
        }
        if (!Contrast.IsColour(colour))
        {
            errors.AddModelError(field, $"Write the {what} as # and six hexadecimal digits, like #123a73.");
            return;
        }
        var ratio = Contrast.Ratio(colour, "#ffffff");
        if (ratio < Contrast.AaText)
        {
            errors.AddModelError(field, $"The {what} {colour} has a contrast of {Contrast.Text(ratio)} with white; {use} needs at least 4.5:1 to be readable (WCAG 2.1 AA). Choose a darker shade.");
        }
    }

    private (string Markdown, string Html) Render(string? text, string field, ModelStateDictionary errors)
    {
        var source = (text ?? "").Trim();
        try
        {
            return (source, source.Length == 0 ? "" : markdown.Render(source));
        }
        catch (ArgumentException)
        {
            errors.AddModelError(field, "This text is nested too deeply to be rendered; simplify its lists or quotes.");
            return ("", "");
        }
    }

    private static SiteSettings Copy(SiteSettings s) => new()
    {
        Name = s.Name, Tagline = s.Tagline, BrandColour = s.BrandColour, AccentColour = s.AccentColour, FooterText = s.FooterText, PressEmail = s.PressEmail,
        PressPhone = s.PressPhone, PressAddress = s.PressAddress, SocialLinks = s.SocialLinks, LegalNoticeMarkdown = s.LegalNoticeMarkdown,
        PrivacyMarkdown = s.PrivacyMarkdown, AccessibilityMarkdown = s.AccessibilityMarkdown, Logo = s.Logo,
    };

    private static List<string> Changes(SiteSettings a, SiteSettings b)
    {
        var changed = new List<string>();
        void Check(string name, string? x, string? y) { if (x != y) { changed.Add(name); } }
        Check("name", a.Name, b.Name);
        Check("tagline", a.Tagline, b.Tagline);
        Check("brand colour", a.BrandColour, b.BrandColour);
        Check("accent colour", a.AccentColour, b.AccentColour);
        Check("footer text", a.FooterText, b.FooterText);
        Check("press contact", $"{a.PressEmail}|{a.PressPhone}|{a.PressAddress}", $"{b.PressEmail}|{b.PressPhone}|{b.PressAddress}");
        Check("social profiles", a.SocialLinks, b.SocialLinks);
        Check("legal notice", a.LegalNoticeMarkdown, b.LegalNoticeMarkdown);
        Check("privacy notice", a.PrivacyMarkdown, b.PrivacyMarkdown);
        Check("accessibility statement", a.AccessibilityMarkdown, b.AccessibilityMarkdown);
        if (!ReferenceEquals(a.Logo, b.Logo) && !(a.Logo ?? []).AsSpan().SequenceEqual(b.Logo ?? []))
        {
            changed.Add("logo");
        }
        return changed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
