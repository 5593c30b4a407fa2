using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Meps;

/// <summary>An MEP as the directory and the profile show them.</summary>
public sealed record AuthorCard(string FullName, string Slug, string CountryCode, string PoliticalGroup, string NationalParty, string? PhotoPath, bool IsActive)
{
    public string Country => Countries.NameForReaders(CountryCode);

    /// <summary>The photo's credit and licence from the media library, shown with it (none: nothing shown).</summary>
    public string? PhotoCredit { get; init; }

    /// <summary>
    /// The photo's alternative text from the media library, written in the site's default language;
    /// null for a photo the library does not hold (then "Photo of …" in the page's language).
    /// </summary>
    public string? PhotoAlt { get; init; }

    /// <summary>"Photo: …" under a shown photo, unless the credit already says so; null without a photo or a credit.</summary>
    public string? PhotoCreditText => !HasLocalPhoto || PhotoCredit is not { Length: > 0 } credit ? null
        : credit.StartsWith("Photo", StringComparison.OrdinalIgnoreCase) ? credit : SiteText.Format("PhotoCredit", credit);

    /// <summary>Up to two initials for the generated avatar ("Ana Ferreira Lobo" → "AL").</summary>
    public string Initials
    {
        get
        {
            var words = FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length switch
            {
                0 => "?",
                1 => char.ToUpperInvariant(words[0][0]).ToString(),
                _ => $"{char.ToUpperInvariant(words[0][0])}{char.ToUpperInvariant(words[^1][0])}",
            };
        }
    }

    /// <summary>One of eight palette colours, stable for a given MEP.</summary>
    public int AvatarTone => Slug.Aggregate(0, (hash, c) => (hash * 31 + c) & 0x7fffffff) % 8;

    /// <summary>Only photos the site serves itself are shown: no third-party request from a page.</summary>
    public bool HasLocalPhoto => PhotoPath is { Length: > 1 } path && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal);
}

public sealed record DirectoryFilter(string? Country, string? Group, IReadOnlyList<string> Countries, IReadOnlyList<string> Groups);

public sealed record AuthorDirectoryViewModel(IReadOnlyList<AuthorCard> Current, IReadOnlyList<AuthorCard> Former, DirectoryFilter Filter) : IHasPageMeta
{
    public PageMeta Meta => new(SiteText.Get("OurMeps"), SiteText.Get("OurMepsDescription"), "/meps");
}

public sealed record CommitteeRoleLink(string Name, string Slug, string Code, CommitteeRole Role)
{
    public string RoleText => Role switch
    {
        CommitteeRole.Chair => SiteText.Get("RoleChair"),
        CommitteeRole.ViceChair => SiteText.Get("RoleViceChair"),
        CommitteeRole.Substitute => SiteText.Get("RoleSubstitute"),
        _ => SiteText.Get("RoleMember"),
    };
}

public sealed class AuthorProfileViewModel : IHasPageMeta
{
    public required AuthorCard Author { get; init; }
    public required string BioHtml { get; init; }
    public string? PressEmail { get; init; }
    public string? PressPhone { get; init; }
    public required IReadOnlyList<CommitteeRoleLink> Committees { get; init; }
    public required PagedList<ArticleSummary> Articles { get; init; }

    public PageMeta Meta => new(
        Articles.Page == 1 ? Author.FullName : SiteText.Format("PageNumberTitle", Author.FullName, Articles.Page),
        SiteText.Format(Author.IsActive ? "MepDescription" : "FormerMepDescription", Author.FullName, Author.PoliticalGroup, Author.Country),
        Articles.Page == 1 ? $"/meps/{Author.Slug}" : $"/meps/{Author.Slug}?page={Articles.Page}",
        "profile");
}
