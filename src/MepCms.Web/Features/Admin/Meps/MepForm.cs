using System.ComponentModel.DataAnnotations;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Meps;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Meps;

/// <summary>Everything an MEP's public profile shows, as posted by the back-office form.</summary>
public sealed class MepForm
{
    [Required(ErrorMessage = "Enter the MEP's full name."), StringLength(Limits.Name)]
    // Binding turns an empty field into null; the slug is made from the name before validation stops the save.
    public string FullName { get; set => field = value ?? ""; } = "";

    [StringLength(Limits.Slug), RegularExpression(Slugs.RoutePattern, ErrorMessage = "The web address may hold only lower-case letters, digits and single hyphens.")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Choose the member state the MEP was elected in.")]
    public string CountryCode { get; set; } = "";

    [Required(ErrorMessage = "Enter the political group."), StringLength(64)]
    public string PoliticalGroup { get; set; } = "";

    [Required(ErrorMessage = "Enter the national party."), StringLength(Limits.Name)]
    public string NationalParty { get; set; } = "";

    [StringLength(Limits.ShortText, ErrorMessage = "The biography may be at most {1} characters long.")]
    public string? BioMarkdown { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid press e-mail address."), StringLength(Limits.Email)]
    public string? PressEmail { get; set; }

    [StringLength(40), RegularExpression(@"^\+?[0-9][0-9 ()./-]{3,38}$", ErrorMessage = "Enter the press phone number with digits, spaces and + ( ) . / - only.")]
    public string? PressPhone { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A new photo (cropped to a square and re-encoded), replacing any earlier one.</summary>
    public IFormFile? Photo { get; set; }

    /// <summary>The photo's credit ("© European Union – Source: EP"), kept with it in the media library and shown under it.</summary>
    [StringLength(MediaItemLimits.Credit, ErrorMessage = "The photo credit may be at most {1} characters long.")]
    public string? PhotoCredit { get; set; }

    [StringLength(MediaItemLimits.Licence, ErrorMessage = "The photo licence may be at most {1} characters long.")]
    public string? PhotoLicence { get; set; }

    /// <summary>Remove the current photo: the profile shows the initials again.</summary>
    public bool RemovePhoto { get; set; }

    /// <summary>One row per committee; a row without a role means "not a member".</summary>
    public List<MembershipField> Memberships { get; set; } = [];

    public static MepForm From(Author mep) => new()
    {
        FullName = mep.FullName, Slug = mep.Slug, CountryCode = mep.CountryCode, PoliticalGroup = mep.PoliticalGroup,
        NationalParty = mep.NationalParty, BioMarkdown = mep.BioMarkdown, PressEmail = mep.PressEmail, PressPhone = mep.PressPhone,
        IsActive = mep.IsActive,
        Memberships = mep.Memberships.Select(m => new MembershipField { CommitteeId = m.CommitteeId, Role = m.Role }).ToList(),
    };
}

public sealed class MembershipField
{
    public int CommitteeId { get; set; }
    public CommitteeRole? Role { get; set; }
}

public sealed record MepRow(int Id, string FullName, string Slug, string CountryCode, string PoliticalGroup, bool IsActive, int Committees);

public sealed record MepListViewModel(IReadOnlyList<MepRow> Meps, string? Flash);

public sealed record CommitteeChoice(int Id, string Code, string Name, bool IsActive);

public sealed record MepEditorViewModel(int? Id, MepForm Form, IReadOnlyList<CommitteeChoice> Committees, string? PhotoPath, long MaxUploadBytes, string? Flash)
{
    public CommitteeRole? RoleIn(int committeeId) => Form.Memberships.FirstOrDefault(m => m.CommitteeId == committeeId)?.Role;
}
