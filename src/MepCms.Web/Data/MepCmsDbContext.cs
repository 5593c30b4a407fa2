using MepCms.Web.Features.Account;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Topics;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MepCms.Web.Data;

/// <summary>
/// The one model of MepCms, Identity included. Provider-neutral: each provider has a sealed
/// subclass in its own folder with its own migrations (see docs/decisions).
/// </summary>
public abstract class MepCmsDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleSlug> ArticleSlugs => Set<ArticleSlug>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleCorrection> ArticleCorrections => Set<ArticleCorrection>();
    public DbSet<ScheduledUpdate> ScheduledUpdates => Set<ScheduledUpdate>();
    public DbSet<Features.Attachments.ArticleAttachment> ArticleAttachments => Set<Features.Attachments.ArticleAttachment>();
    public DbSet<Features.Admin.Calendar.PlannedEntry> PlannedEntries => Set<Features.Admin.Calendar.PlannedEntry>();
    public DbSet<Features.Admin.Articles.Comments.ArticleComment> ArticleComments => Set<Features.Admin.Articles.Comments.ArticleComment>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<CommitteeMembership> CommitteeMemberships => Set<CommitteeMembership>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<CommitteeName> CommitteeNames => Set<CommitteeName>();
    public DbSet<Features.EpImport.EpImportUpload> EpImportUploads => Set<Features.EpImport.EpImportUpload>();
    public DbSet<Features.EpImport.ScheduledRun> ScheduledRuns => Set<Features.EpImport.ScheduledRun>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<TopicName> TopicNames => Set<TopicName>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<PressList> PressLists => Set<PressList>();
    public DbSet<PressContact> PressContacts => Set<PressContact>();
    public DbSet<PressOptOut> PressOptOuts => Set<PressOptOut>();
    public DbSet<PressRecipient> PressRecipients => Set<PressRecipient>();
    public DbSet<PressMessage> PressMessages => Set<PressMessage>();
    public DbSet<Features.Settings.SiteSettings> SiteSettings => Set<Features.Settings.SiteSettings>();
    /// <summary>Secrets every instance shares (the readers' hash key), encrypted with the key ring.</summary>
    public DbSet<Infrastructure.Security.SharedSecret> SharedSecrets => Set<Infrastructure.Security.SharedSecret>();
    /// <summary>The Data Protection key ring, shared by every instance (see docs/decisions).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MepCmsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. SQLite hands values back as Unspecified; say what they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareStatements();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareStatements();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // One pass over the tracked statements before a save:
    // - the token is app-managed (SQLite has no rowversion), so each saved change of a statement
    //   gets a new one; a stale form still carries the old one and its save is refused;
    // - a new statement is its own group until it is saved as a version of another (a translation
    //   sets StatementId or Statement), so no code path can add a version without a group.
    private void PrepareStatements()
    {
        foreach (var entry in ChangeTracker.Entries<Article>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
            else if (entry.State == EntityState.Added && entry.Entity.StatementId == 0 && entry.Entity.Statement is null)
            {
                entry.Entity.Statement = new Statement();
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
