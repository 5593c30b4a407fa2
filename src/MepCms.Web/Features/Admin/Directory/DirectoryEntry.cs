using System.ComponentModel.DataAnnotations;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Directory;

/// <summary>A committee or a topic as posted by its back-office form (topics have no code).</summary>
public sealed class DirectoryEntryForm
{
    [StringLength(16), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "The code may hold only letters, digits and hyphens.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Enter the name."), StringLength(Limits.Name)]
    public string Name { get; set; } = "";

    [StringLength(Limits.Slug), RegularExpression(Slugs.RoutePattern, ErrorMessage = "The web address may hold only lower-case letters, digits and single hyphens.")]
    public string? Slug { get; set; }

    [StringLength(Limits.ShortText)]
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The name in other languages (`Names[nl]`), each optional; an empty one is no name.</summary>
    public Dictionary<string, string?> Names { get; set; } = [];
}

/// <summary>What differs between the committee and the topic pages of the back office.</summary>
public sealed record DirectoryKind(string Singular, string Plural, string AdminPath, string PublicPath, bool HasCode)
{
    public static readonly DirectoryKind Committee = new("committee", "Committees", "/admin/committees", "/committees", HasCode: true);
    public static readonly DirectoryKind Topic = new("topic", "Topics", "/admin/topics", "/topics", HasCode: false);
}

public sealed record DirectoryRow(int Id, string? Code, string Name, string Slug, bool IsActive, bool IsMerged, int Uses);

public sealed record DirectoryListViewModel(DirectoryKind Kind, IReadOnlyList<DirectoryRow> Rows, string? Flash);

public sealed record DirectoryEntryViewModel(
    DirectoryKind Kind, int? Id, DirectoryEntryForm Form, string? Flash, IReadOnlyList<MergeTarget>? MergeTargets = null, MergeTarget? MergedInto = null)
{
    /// <summary>The language of <see cref="DirectoryEntryForm.Name"/>; the form asks for the others.</summary>
    public string DefaultLanguage { get; init; } = "en";
}

public sealed record MergeTarget(int Id, string Name);

/// <summary>The entry another one is merged into (checked by <see cref="DirectoryMerge"/>).</summary>
public sealed class MergeForm
{
    public int? TargetId { get; set; }
}
