using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Admin.Articles.Comments;

/// <summary>
/// A note among staff on a statement, optionally on a quoted passage of its body; replies hang under
/// the comment they answer (one level). Never public (docs/decisions/0200).
/// </summary>
public sealed class ArticleComment
{
    public const int TextLength = 2_000;
    public const int QuoteLength = 500;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    /// <summary>The comment this one answers; none for the start of a thread.</summary>
    public int? ParentId { get; set; }
    public ArticleComment? Parent { get; set; }
    public string? Quote { get; set; }
    public string Text { get; set; } = "";
    public string? AuthorId { get; set; }
    public string AuthorName { get; set; } = "";
    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>UTC; a thread is resolved on its first comment.</summary>
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedByName { get; set; }
}

internal sealed class ArticleCommentConfiguration : IEntityTypeConfiguration<ArticleComment>
{
    public void Configure(EntityTypeBuilder<ArticleComment> builder)
    {
        builder.Property(c => c.Quote).HasMaxLength(ArticleComment.QuoteLength);
        builder.Property(c => c.Text).HasMaxLength(ArticleComment.TextLength).IsRequired();
        builder.Property(c => c.AuthorId).HasMaxLength(Limits.UserId);
        builder.Property(c => c.AuthorName).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(c => c.ResolvedByName).HasMaxLength(Limits.Email);
        builder.HasIndex(c => new { c.ArticleId, c.CreatedAt });
        builder.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // Replies go with their article (the cascade above); no second cascade path from the parent.
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

/// <summary>A thread as the editor shows it: the first comment, its replies, and what the viewer may do.</summary>
public sealed record CommentThread(ArticleComment Start, IReadOnlyList<ArticleComment> Replies, bool MayResolve);
