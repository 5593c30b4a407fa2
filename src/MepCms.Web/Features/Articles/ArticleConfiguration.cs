using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Topics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(Limits.Title).IsRequired();
        builder.Property(a => a.Slug).HasMaxLength(Limits.Slug).IsRequired();
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Lead).HasMaxLength(Limits.Lead).IsRequired();
        builder.Property(a => a.BodyMarkdown).HasMaxLength(Limits.Body).IsRequired();
        builder.Property(a => a.BodyHtml).HasMaxLength(Limits.BodyHtml).IsRequired();
        builder.Property(a => a.Language).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Place).HasMaxLength(100).IsRequired();
        builder.Property(a => a.ProcedureReference).HasMaxLength(32);
        builder.Property(a => a.LinkBaseUrl).HasMaxLength(Limits.Url).IsRequired();
        builder.Property(a => a.CreatedById).HasMaxLength(Limits.UserId);
        builder.Property(a => a.UpdatedById).HasMaxLength(Limits.UserId);
        builder.Property(a => a.Version).IsConcurrencyToken();
        // One version per language per statement.
        builder.HasIndex(a => new { a.StatementId, a.Language }).IsUnique();
        // No cascade on a link of a table to itself (SQL Server refuses one): deleting a source clears its translations' link first.
        builder.HasOne<Article>().WithMany().HasForeignKey(a => a.TranslationOfId).OnDelete(DeleteBehavior.ClientSetNull);

        // Every list across languages (feeds, sitemap, the schedule): Status = 'Published' AND PublishAt <= now ORDER BY PublishAt DESC.
        builder.HasIndex(a => new { a.Status, a.PublishAt });
        // A language's lists, in their order (newest first, then by id), and their counts, answered
        // from the index alone: the visibility rule reads UnpublishAt too, and a row's later
        // columns sit behind its body's overflow pages (decision 0300).
        builder.HasIndex(a => new { a.Language, a.Status, a.PublishAt, a.Id, a.UnpublishAt });
        // The go-live pass (Published, not gone live, PublishAt passed) and the expiry pass
        // (Published, UnpublishAt passed): each a range of a few entries at 100,000 statements
        // (SQLite's planner takes them given the statistics SqliteStatistics keeps).
        builder.HasIndex(a => new { a.Status, a.WentLiveAt, a.PublishAt });
        builder.HasIndex(a => new { a.Status, a.UnpublishAt });
        // Few rows have them: the home page's pinned statement and the schedule's next pin end.
        builder.HasIndex(a => a.PinnedAt);
        builder.HasIndex(a => a.PinnedUntil);
        // An image shown as a lead image cannot leave the library (it says so): restrict, not cascade.
        builder.HasOne(a => a.LeadImage).WithMany().HasForeignKey(a => a.LeadImageId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.Committees).WithMany().UsingEntity(
            "ArticleCommittee",
            r => r.HasOne(typeof(Committee)).WithMany().HasForeignKey("CommitteeId"),
            l => l.HasOne(typeof(Article)).WithMany().HasForeignKey("ArticleId"),
            j => j.HasIndex("CommitteeId"));
        builder.HasMany(a => a.Topics).WithMany().UsingEntity(
            "ArticleTopic",
            r => r.HasOne(typeof(Topic)).WithMany().HasForeignKey("TopicId"),
            l => l.HasOne(typeof(Article)).WithMany().HasForeignKey("ArticleId"),
            j => j.HasIndex("TopicId"));
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> builder)
    {
        builder.HasKey(x => new { x.ArticleId, x.AuthorId });
        builder.HasOne(x => x.Article).WithMany(a => a.Authors).HasForeignKey(x => x.ArticleId);
        builder.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId);
        builder.HasIndex(x => x.AuthorId);
    }
}

internal sealed class ArticleSlugConfiguration : IEntityTypeConfiguration<ArticleSlug>
{
    public void Configure(EntityTypeBuilder<ArticleSlug> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug).IsRequired();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasOne(s => s.Article).WithMany(a => a.FormerSlugs).HasForeignKey(s => s.ArticleId);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Limits.Title).IsRequired();
        builder.Property(r => r.Lead).HasMaxLength(Limits.Lead).IsRequired();
        builder.Property(r => r.BodyMarkdown).HasMaxLength(Limits.Body).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CreatedById).HasMaxLength(Limits.UserId);
        builder.Property(r => r.CreatedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(400).IsRequired();
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.HasOne(r => r.Article).WithMany(a => a.Revisions).HasForeignKey(r => r.ArticleId);
    }
}

internal sealed class ArticleCorrectionConfiguration : IEntityTypeConfiguration<ArticleCorrection>
{
    public void Configure(EntityTypeBuilder<ArticleCorrection> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Note).HasMaxLength(ArticleCorrection.NoteLength).IsRequired();
        builder.Property(c => c.CreatedById).HasMaxLength(Limits.UserId);
        builder.HasIndex(c => new { c.ArticleId, c.CreatedAt });
        builder.HasOne(c => c.Article).WithMany(a => a.Corrections).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
