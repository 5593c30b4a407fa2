namespace MepCms.Web.Features.Shared;

/// <summary>The main navigation: its sections, and which one the current page belongs to.</summary>
public static class MainNav
{
    /// <param name="TextKey">The section's name in <see cref="Infrastructure.Web.Localization.SiteText"/>.</param>
    public sealed record Item(string TextKey, string Href, params string[] Sections);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("Statements", "/", "/articles"),
        new("Meps", "/meps"),
        new("Committees", "/committees", "/topics"),
    ];

    /// <summary>"page" on the section's own page, "true" inside the section, null (no attribute) elsewhere.</summary>
    public static string? Current(Item item, PathString path)
    {
        if (path.Equals(item.Href, StringComparison.OrdinalIgnoreCase))
        {
            return "page";
        }
        var inSection = item.Href != "/" && path.StartsWithSegments(item.Href, StringComparison.OrdinalIgnoreCase)
            || item.Sections.Any(s => path.StartsWithSegments(s, StringComparison.OrdinalIgnoreCase));
        return inSection ? "true" : null;
    }
}
