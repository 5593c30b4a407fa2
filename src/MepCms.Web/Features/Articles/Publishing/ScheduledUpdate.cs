using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Articles.Publishing;

/// <summary>
/// New text for a live statement, waiting for its minute: the live text stays until then, staff see
/// the pending one with its diff, and at <see cref="At"/> it replaces the live text (a revision and
/// an audit entry), once across instances. One per statement (docs/decisions/0190).
/// </summary>
public sealed class ScheduledUpdate
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public string Title { get; set; } = "";
    public string Lead { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Rendered and sanitised when it was scheduled, like a saved body.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>What readers are told when it is applied: nothing (a typo fix), or a correction or update note.</summary>
    public ChangeKind Change { get; set; }
    public string? ChangeNote { get; set; }
    /// <summary>UTC.</summary>
    public DateTime At { get; set; }
    /// <summary>
    /// The statement's <see cref="Article.Version"/> the new text was written against. Saved over in
    /// the meantime, the update is held, not applied: nobody's words are lost (the conflict rule).
    /// </summary>
    public Guid BaseVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>UTC; set when its minute came but the live text had changed since it was scheduled.</summary>
    public DateTime? HeldAt { get; set; }
}

internal sealed class ScheduledUpdateConfiguration : IEntityTypeConfiguration<ScheduledUpdate>
{
    public void Configure(EntityTypeBuilder<ScheduledUpdate> builder)
    {
        builder.Property(u => u.Title).HasMaxLength(Limits.Title).IsRequired();
        builder.Property(u => u.Lead).HasMaxLength(Limits.Lead).IsRequired();
        builder.Property(u => u.BodyMarkdown).HasMaxLength(Limits.Body).IsRequired();
        builder.Property(u => u.BodyHtml).HasMaxLength(Limits.BodyHtml).IsRequired();
        builder.Property(u => u.Change).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.ChangeNote).HasMaxLength(ArticleCorrection.NoteLength);
        builder.Property(u => u.CreatedById).HasMaxLength(Limits.UserId);
        builder.Property(u => u.CreatedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(u => u.ArticleId).IsUnique();
        builder.HasIndex(u => u.At);
        builder.HasOne(u => u.Article).WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Applies the scheduled updates whose minute has come, each exactly once across instances.</summary>
public sealed class ScheduledUpdates(MepCmsDbContext db, PublicationEvents events, TimeProvider clock, ILogger<ScheduledUpdates> logger)
{
    private const int BatchSize = 50;

    /// <summary>Cancels the statement's pending update; false when there was none.</summary>
    public async Task<bool> CancelAsync(int articleId, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var pending = await db.ScheduledUpdates.FirstOrDefaultAsync(u => u.ArticleId == articleId, cancellationToken);
        if (pending is null)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.ScheduledUpdates.Remove(pending);
        db.Record(user, now, AuditActions.ArticleUpdateCancelled, "Article", articleId,
            $"Scheduled update for {Infrastructure.Web.BrusselsTime.DateTimeText(pending.At)} Brussels time cancelled");
        await db.SaveChangesAsync(cancellationToken);
        // Like every schedule change: the known next change is forgotten with the pages.
        await events.RaiseAsync(new PublicationChanged(articleId, PublicationChange.Edited), cancellationToken);
        return true;
    }

    /// <summary>Applies (or holds) the updates due now; returns how many this instance applied.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ScheduledUpdates.AsNoTracking().Where(u => u.HeldAt == null && u.At <= now)
            .OrderBy(u => u.At).Take(BatchSize).ToListAsync(cancellationToken);
        var applied = 0;
        foreach (var update in due)
        {
            if (await TryApplyAsync(update, now, cancellationToken))
            {
                applied++;
                logger.LogInformation("The scheduled update of statement {ArticleId} replaced its live text", update.ArticleId);
                await events.RaiseAsync(new PublicationChanged(update.ArticleId, PublicationChange.Edited), cancellationToken);
            }
            else if (await TryHoldAsync(update, now, cancellationToken))
            {
                logger.LogWarning("The scheduled update of statement {ArticleId} was held: the statement was saved after it was scheduled", update.ArticleId);
            }
        }
        return applied;
    }

    // Claim (delete the pending row) and apply in one transaction: the instance whose delete counts wins.
    private Task<bool> TryApplyAsync(ScheduledUpdate update, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.ScheduledUpdates.Where(u => u.Id == update.Id && u.HeldAt == null).ExecuteDeleteAsync(cancellationToken) != 1)
            {
                return false;
            }
            var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == update.ArticleId && a.Version == update.BaseVersion, cancellationToken);
            if (article is null)
            {
                return false; // saved over since: rolled back, and held below
            }
            var number = (await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
            var told = article.IsVisibleAt(now) && update.Change != ChangeKind.TypoFix && update.ChangeNote is { Length: > 0 };
            (article.Title, article.Lead, article.BodyMarkdown, article.BodyHtml) = (update.Title, update.Lead, update.BodyMarkdown, update.BodyHtml);
            (article.UpdatedAt, article.UpdatedById, article.Version) = (now, update.CreatedById, Guid.NewGuid());
            var note = told ? $"Scheduled {(update.Change == ChangeKind.Correction ? "correction" : "update")}: {update.ChangeNote}" : "Scheduled update";
            db.ArticleRevisions.Add(new ArticleRevision
            {
                ArticleId = article.Id, Number = number, Title = article.Title, Lead = article.Lead, BodyMarkdown = article.BodyMarkdown, Status = article.Status,
                CreatedAt = now, CreatedById = update.CreatedById, CreatedByName = update.CreatedByName, Note = note.Length <= 400 ? note : note[..400],
            });
            if (told)
            {
                db.ArticleCorrections.Add(new ArticleCorrection
                {
                    ArticleId = article.Id, Kind = update.Change, Note = update.ChangeNote!, CreatedAt = now, CreatedById = update.CreatedById, RevisionNumber = number,
                });
            }
            db.Record(null, "system", now, AuditActions.ArticleUpdateApplied, "Article", article.Id,
                $"{note} (scheduled by {update.CreatedByName}): \"{article.Title}\"");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    private async Task<bool> TryHoldAsync(ScheduledUpdate update, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.ScheduledUpdates.Where(u => u.Id == update.Id && u.HeldAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.HeldAt, now), cancellationToken) != 1)
            {
                return false;
            }
            db.Record(null, "system", now, AuditActions.ArticleUpdateHeld, "Article", update.ArticleId,
                $"Scheduled update by {update.CreatedByName} not applied: the statement was saved after it was scheduled");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }
}
