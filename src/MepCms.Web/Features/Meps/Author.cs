namespace MepCms.Web.Features.Meps;

/// <summary>An MEP: a byline on statements, not a user account.</summary>
public sealed class Author
{
    public int Id { get; set; }
    public string FullName { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; set; } = "";
    public string PoliticalGroup { get; set; } = "";
    public string NationalParty { get; set; } = "";
    public string? PhotoPath { get; set; }
    public string BioMarkdown { get; set; } = "";
    public string BioHtml { get; set; } = "";
    public string? PressEmail { get; set; }
    public string? PressPhone { get; set; }
    public bool IsActive { get; set; } = true;
    public List<CommitteeMembership> Memberships { get; set; } = [];
}

public enum CommitteeRole
{
    Member = 0,
    Substitute = 1,
    ViceChair = 2,
    Chair = 3,
}

public sealed class CommitteeMembership
{
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int CommitteeId { get; set; }
    public Committees.Committee Committee { get; set; } = null!;
    public CommitteeRole Role { get; set; }
}
