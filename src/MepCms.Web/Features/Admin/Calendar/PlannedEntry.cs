using MepCms.Web.Features.Articles;
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
    /// <summary>The statement the idea is about (a draft being written for the day), when there is one.</summary>
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static string Link(int id) => $"/admin/calendar/planned/{id}";
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
        // A deleted statement leaves the idea on the calendar, without its link.
        builder.HasOne(p => p.Article).WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.SetNull);
    }
}
