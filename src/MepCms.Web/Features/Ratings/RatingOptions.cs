using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Features.Ratings;

/// <summary>The `Ratings` section: the visitor cookie, its keyed hash and the flood limit.</summary>
public sealed class RatingOptions : IValidatableObject
{
    public const string Section = "Ratings";

    /// <summary>
    /// Base64 of at least 32 random bytes: the HMAC key of the stored visitor hash. Every instance
    /// of the site must use the same key, or a reader counts once per instance.
    /// </summary>
    public string? VisitorHashKey { get; set; }

    /// <summary>Where a generated key is kept when <see cref="VisitorHashKey"/> is empty (relative to the content root).</summary>
    public string VisitorHashKeyFile { get; set; } = "App_Data/rating-visitor-key";

    public string CookieName { get; set; } = "mepcms_visitor";

    /// <summary>
    /// How often the cached pages of rated statements are brought up to date (decision 0288); the
    /// reader who rated sees their effect at once. Zero: every rating evicts its pages at once.
    /// </summary>
    public TimeSpan FiguresRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public RatingRateLimitOptions RateLimit { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(VisitorHashKey) && VisitorHashKeyBytes() is not { Length: >= 32 })
        {
            yield return new ValidationResult("Ratings:VisitorHashKey must be base64 of at least 32 bytes.", [nameof(VisitorHashKey)]);
        }
        if (string.IsNullOrWhiteSpace(CookieName) || CookieName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
        {
            yield return new ValidationResult("Ratings:CookieName must be letters, digits, '_' or '-'.", [nameof(CookieName)]);
        }
        if (FiguresRefresh < TimeSpan.Zero || FiguresRefresh > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("Ratings:FiguresRefresh must be between 00:00:00 and 00:10:00.", [nameof(FiguresRefresh)]);
        }
        if (RateLimit.TokenLimit < 1 || RateLimit.TokensPerPeriod < 1 || RateLimit.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Ratings:RateLimit needs a positive TokenLimit, TokensPerPeriod and ReplenishmentPeriod.", [nameof(RateLimit)]);
        }
    }

    internal byte[]? VisitorHashKeyBytes()
    {
        var buffer = new byte[VisitorHashKey?.Length ?? 0];
        return Convert.TryFromBase64String(VisitorHashKey ?? "", buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>
/// A token bucket per client address for the rating POST. The defaults (a burst of 120, then 10
/// every 5 seconds: 120 a minute) let an office of fifty behind one address rate a few statements
/// each within a minute, while a script from one address is slowed to two votes a second.
/// </summary>
public sealed class RatingRateLimitOptions
{
    public int TokenLimit { get; set; } = 120;
    public int TokensPerPeriod { get; set; } = 10;
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
