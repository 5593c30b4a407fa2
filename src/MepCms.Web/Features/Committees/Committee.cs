using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Committees;

/// <summary>A parliamentary committee or subcommittee (AFET, DROI, LIBE, …).</summary>
public sealed class Committee : IDirectoryEntry
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Set when the committee was merged into another: its pages answer 301 to that one.</summary>
    public int? MergedIntoId { get; set; }
    public List<CommitteeMembership> Memberships { get; set; } = [];
}

internal sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(16).IsRequired();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(Limits.Slug).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(Limits.ShortText).IsRequired();
        builder.HasOne<Committee>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
