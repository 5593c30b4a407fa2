namespace MepCms.Web.Infrastructure.Web;

/// <summary>The `Site` section: how the press office presents itself.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Name { get; set; } = "MepCms Press Room";
    public string Tagline { get; set; } = "Statements from our Members of the European Parliament";
    /// <summary>The public address (https://press.example.eu) for canonical links and feeds; the request's own when empty.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>The language of the unprefixed routes; every other official EU language answers under `/{code}/`.</summary>
    public string DefaultLanguage { get; set; } = "en";
}
