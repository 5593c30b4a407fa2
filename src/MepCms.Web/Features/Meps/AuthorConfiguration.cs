using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Meps;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Property(a => a.FullName).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(a => a.Slug).HasMaxLength(Limits.Slug).IsRequired();
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.CountryCode).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(a => a.PoliticalGroup).HasMaxLength(64).IsRequired();
        builder.Property(a => a.NationalParty).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(a => a.PhotoPath).HasMaxLength(Limits.Url);
        builder.Property(a => a.BioMarkdown).HasMaxLength(Limits.ShortText).IsRequired();
        builder.Property(a => a.BioHtml).HasMaxLength(Limits.ShortText * 2).IsRequired();
        builder.Property(a => a.PressEmail).HasMaxLength(Limits.Email);
        builder.Property(a => a.PressPhone).HasMaxLength(40);
        builder.HasIndex(a => new { a.IsActive, a.FullName });
        builder.Property(a => a.EpId).HasMaxLength(Limits.EpId);
        builder.HasIndex(a => a.EpId).IsUnique();
        builder.Property(a => a.EpRecordHash).HasMaxLength(64);
        builder.Property(a => a.EpPhotoETag).HasMaxLength(200);
    }
}

internal sealed class CommitteeMembershipConfiguration : IEntityTypeConfiguration<CommitteeMembership>
{
    public void Configure(EntityTypeBuilder<CommitteeMembership> builder)
    {
        builder.HasKey(m => new { m.AuthorId, m.CommitteeId });
        builder.HasOne(m => m.Author).WithMany(a => a.Memberships).HasForeignKey(m => m.AuthorId);
        builder.HasOne(m => m.Committee).WithMany(c => c.Memberships).HasForeignKey(m => m.CommitteeId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => m.CommitteeId);
    }
}
