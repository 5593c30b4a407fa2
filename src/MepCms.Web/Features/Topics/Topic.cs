using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Topics;

/// <summary>A subject a statement concerns (climate, trade, rule of law, …).</summary>
public sealed class Topic : IDirectoryEntry, IHasLocalizedNames
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Set when the topic was merged into another: its page answers 301 to that one.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>The topic's name in other languages; a page in a language without one shows <see cref="Name"/>.</summary>
    public List<TopicName> Names { get; set; } = [];

    IReadOnlyDictionary<string, string> IHasLocalizedNames.NamesByLanguage => Names.ToDictionary(n => n.Language, n => n.Name);
    void IHasLocalizedNames.ReplaceNames(IReadOnlyDictionary<string, string> names) => LocalizedNames.Replace(Names, names);
}

/// <summary>A topic's name in one language (ISO 639-1, lower case).</summary>
public sealed class TopicName : ILocalizedName
{
    public int TopicId { get; set; }
    public string Language { get; set; } = "";
    public string Name { get; set; } = "";
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
        builder.HasMany(t => t.Names).WithOne().HasForeignKey(n => n.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TopicNameConfiguration : IEntityTypeConfiguration<TopicName>
{
    public void Configure(EntityTypeBuilder<TopicName> builder)
    {
        builder.ToTable("TopicNames").HasKey(n => new { n.TopicId, n.Language });
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Name).HasMaxLength(Limits.Name).IsRequired();
    }
}
