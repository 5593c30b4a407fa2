namespace MepCms.Web.Features.Shared;

/// <summary>
/// What committees and topics have in common: the entries statements are tagged with, which the
/// back office creates, edits, retires and merges, and whose public page lists their statements.
/// </summary>
public interface IDirectoryEntry
{
    int Id { get; }
    string Slug { get; set; }
    string Name { get; set; }
    string Description { get; set; }
    bool IsActive { get; set; }
    /// <summary>Set when the entry was merged into another: its pages answer 301 to that one.</summary>
    int? MergedIntoId { get; set; }
}
