using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Topics;

/// <summary>A subject a statement concerns (climate, trade, rule of law, …).</summary>
public sealed class Topic : IDirectoryEntry
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Set when the topic was merged into another: its page answers 301 to that one.</summary>
    public int? MergedIntoId { get; set; }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(Limits.Slug).IsRequired();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(Limits.ShortText).IsRequired();
        builder.HasOne<Topic>().WithMany().HasForeignKey(t => t.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
