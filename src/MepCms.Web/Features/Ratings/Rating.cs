using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// One reader's score of one statement (of all its language versions at once). The reader is
/// known only by a keyed hash (HMAC-SHA256) of the random id in their visitor cookie: never the id
/// itself, never an IP address.
/// </summary>
public sealed class Rating
{
    public long Id { get; set; }
    /// <summary>The statement rated, whatever language version the reader rated it on.</summary>
    public int StatementId { get; set; }
    public Statement Statement { get; set; } = null!;
    public int Score { get; set; }
    /// <summary>Lower-case hex of HMAC-SHA256(secret, visitor id): 64 characters.</summary>
    public string VisitorHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public const int MinScore = 1;
    public const int MaxScore = 5;
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.Property(r => r.VisitorHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(r => new { r.StatementId, r.VisitorHash }).IsUnique();
        builder.HasIndex(r => new { r.StatementId, r.CreatedAt });
        builder.HasOne(r => r.Statement).WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_Ratings_Score", "Score BETWEEN 1 AND 5"));
    }
}
