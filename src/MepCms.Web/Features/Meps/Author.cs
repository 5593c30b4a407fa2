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

    /// <summary>The European Parliament's identifier when the MEP was imported or linked (tells homonyms apart).</summary>
    public string? EpId { get; set; }

    /// <summary>SHA-256 of the EP-owned fields last imported (<c>EpRecord.Hash</c>): the same hash, nothing to write.</summary>
    public string? EpRecordHash { get; set; }

    /// <summary>True when <see cref="PhotoPath"/> is the EP's official photo, which a re-import may replace; an uploaded photo is the office's own.</summary>
    public bool PhotoFromEp { get; set; }

    /// <summary>The validator of the EP photo last downloaded, sent back so an unchanged photo is not downloaded again.</summary>
    public string? EpPhotoETag { get; set; }

    /// <summary>When the EP's data was last written to this MEP (UTC).</summary>
    public DateTime? EpImportedAt { get; set; }
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

    /// <summary>Since when the MEP holds the role, as the EP publishes it; null when added by hand without a date.</summary>
    public DateOnly? Since { get; set; }

    /// <summary>True when the import added it: a later import updates or removes it. Memberships added by hand are the office's own.</summary>
    public bool FromEp { get; set; }
}
