using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Admin.Calendar;

/// <summary>An idea with a date on the editorial calendar ("Reaction to the Council vote"), not a statement yet.</summary>
public sealed class PlannedEntry
{
    public const int TitleLength = 200;
    public const int NoteLength = 1_000;

    public int Id { get; set; }
    /// <summary>A Brussels day.</summary>
    public DateOnly Day { get; set; }
    /// <summary>A Brussels time, when the idea has one.</summary>
    public TimeOnly? Time { get; set; }
    public string Title { get; set; } = "";
    public string? Note { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class PlannedEntryConfiguration : IEntityTypeConfiguration<PlannedEntry>
{
    public void Configure(EntityTypeBuilder<PlannedEntry> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(PlannedEntry.TitleLength).IsRequired();
        builder.Property(p => p.Note).HasMaxLength(PlannedEntry.NoteLength);
        builder.Property(p => p.CreatedById).HasMaxLength(Limits.UserId);
        builder.Property(p => p.CreatedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(p => p.Day);
    }
}
