using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Committees;

/// <summary>A parliamentary committee or subcommittee (AFET, DROI, LIBE, …).</summary>
public sealed class Committee : IDirectoryEntry, IHasLocalizedNames
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

    /// <summary>The European Parliament's identifier of the body when imported or linked by its code.</summary>
    public string? EpId { get; set; }

    /// <summary>The committee's name in the EU languages, as the EP publishes it (imported).</summary>
    public List<CommitteeName> Names { get; set; } = [];

    IReadOnlyDictionary<string, string> IHasLocalizedNames.NamesByLanguage => Names.ToDictionary(n => n.Language, n => n.Name);
    void IHasLocalizedNames.ReplaceNames(IReadOnlyDictionary<string, string> names) => LocalizedNames.Replace(Names, names);
}

/// <summary>A committee's name in one language (ISO 639-1, lower case), from the EP's open data.</summary>
public sealed class CommitteeName : ILocalizedName
{
    public int CommitteeId { get; set; }
    public string Language { get; set; } = "";
    public string Name { get; set; } = "";
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
        builder.Property(c => c.EpId).HasMaxLength(Limits.EpId);
        builder.HasIndex(c => c.EpId).IsUnique();
        builder.HasMany(c => c.Names).WithOne().HasForeignKey(n => n.CommitteeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitteeNameConfiguration : IEntityTypeConfiguration<CommitteeName>
{
    public void Configure(EntityTypeBuilder<CommitteeName> builder)
    {
        builder.HasKey(n => new { n.CommitteeId, n.Language });
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Name).HasMaxLength(Limits.Name).IsRequired();
    }
}
