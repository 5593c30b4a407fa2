using System.Text.Json;
using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Admin.Articles.Autosave;

/// <summary>
/// What one member of staff had typed in the editor, kept by the page's autosave: a private copy,
/// never the statement and never a revision. Deleted when they save (docs/decisions/0240).
/// </summary>
public sealed class AutosavedForm
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The statement being edited; none for the new-statement form.</summary>
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    /// <summary>The <see cref="ArticleForm"/> as posted, in JSON.</summary>
    public string FormJson { get; set; } = "";
    /// <summary>The statement's version the form was opened on: restored, the form carries it, so the conflict rule applies.</summary>
    public Guid BaseVersion { get; set; }
    /// <summary>UTC.</summary>
    public DateTime SavedAt { get; set; }

    public ArticleForm Form => JsonSerializer.Deserialize<ArticleForm>(FormJson, Json) ?? new ArticleForm();

    /// <summary>Stored, never written into a page: letters of every language kept as they are, so the copy stays within its column.</summary>
    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

internal sealed class AutosavedFormConfiguration : IEntityTypeConfiguration<AutosavedForm>
{
    public void Configure(EntityTypeBuilder<AutosavedForm> builder)
    {
        builder.ToTable("AutosavedForms");
        builder.Property(f => f.UserId).HasMaxLength(Limits.UserId).IsRequired();
        builder.Property(f => f.FormJson).HasMaxLength(Limits.BodyHtml).IsRequired();
        builder.HasIndex(f => new { f.UserId, f.ArticleId });
        builder.HasOne(f => f.Article).WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Keeps, finds and drops the one autosaved copy per person and form.</summary>
public sealed class Autosaves(MepCmsDbContext db, TimeProvider clock)
{
    /// <summary>Writes the copy of <paramref name="form"/> over the previous one of the same person and form.</summary>
    public async Task SaveAsync(string userId, int? articleId, ArticleForm form, CancellationToken cancellationToken)
    {
        var copy = await Mine(userId, articleId).FirstOrDefaultAsync(cancellationToken);
        if (copy is null)
        {
            db.Add(copy = new AutosavedForm { UserId = userId, ArticleId = articleId });
        }
        (copy.FormJson, copy.BaseVersion, copy.SavedAt) = (JsonSerializer.Serialize(form, AutosavedForm.Json), form.Version, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<AutosavedForm?> FindAsync(string userId, int? articleId, CancellationToken cancellationToken) =>
        Mine(userId, articleId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>Drops the copy (saved, or discarded); true when there was one.</summary>
    public async Task<bool> DeleteAsync(string userId, int? articleId, CancellationToken cancellationToken) =>
        await Mine(userId, articleId).ExecuteDeleteAsync(cancellationToken) > 0;

    private IQueryable<AutosavedForm> Mine(string userId, int? articleId) =>
        db.Set<AutosavedForm>().Where(f => f.UserId == userId && f.ArticleId == articleId);
}
