using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Alerts;

public enum SubscriberStatus
{
    /// <summary>Signed up, not confirmed: receives nothing but the confirmation.</summary>
    Pending = 0,
    Confirmed = 1,
    Unsubscribed = 2,
    /// <summary>The mail server refused the address for good; nothing more is sent.</summary>
    Bounced = 3,
}

/// <summary>
/// A reader or journalist who asked for e-mail alerts: the address, what they follow (nothing
/// chosen in a kind = everything of it), and the consent they gave. No IP address is kept.
/// </summary>
public sealed class Subscriber
{
    public int Id { get; set; }
    /// <summary>As typed (domain in lower case): where messages go.</summary>
    public string Email { get; set; } = "";
    /// <summary>The whole address in lower case: one subscription per address.</summary>
    public string EmailKey { get; set; } = "";
    public SubscriberStatus Status { get; set; }
    /// <summary>Renewed when the subscription is cancelled, so confirmation links of before stop working.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();

    public DateTime CreatedAt { get; set; }
    /// <summary>When the current consent was given, and the wording agreed to.</summary>
    public DateTime ConsentAt { get; set; }
    public string ConsentText { get; set; } = "";
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    public DateTime? BouncedAt { get; set; }

    /// <summary>
    /// The subscriber's own outbox: a confirmation (or, for a confirmed address signing up again, a
    /// note with the manage link) is due while requested after it was last sent.
    /// </summary>
    public DateTime? ConfirmationRequestedAt { get; set; }
    public DateTime? ConfirmationSentAt { get; set; }
    /// <summary>The absolute address of the site as the sign-up request saw it, for the links when Site:PublicUrl is empty.</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>
    /// The language of the page the address last signed up on (ISO 639-1; empty: the default
    /// language): the confirmation, or the note to a known address, speaks it and links to its pages.
    /// </summary>
    public string PageLanguage { get; set; } = "";

    public List<SubscriberLanguage> Languages { get; set; } = [];
    public List<SubscriberMep> Meps { get; set; } = [];
    public List<SubscriberCommittee> Committees { get; set; } = [];
    public List<SubscriberTopic> Topics { get; set; } = [];
}

public sealed class SubscriberLanguage
{
    public int SubscriberId { get; set; }
    /// <summary>ISO 639-1.</summary>
    public string Language { get; set; } = "";
}

public sealed class SubscriberMep
{
    public int SubscriberId { get; set; }
    public int AuthorId { get; set; }
}

public sealed class SubscriberCommittee
{
    public int SubscriberId { get; set; }
    public int CommitteeId { get; set; }
}

public sealed class SubscriberTopic
{
    public int SubscriberId { get; set; }
    public int TopicId { get; set; }
}

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(s => s.EmailKey).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(s => s.EmailKey).IsUnique();
        builder.HasIndex(s => s.Status);
        builder.Property(s => s.ConsentText).HasMaxLength(1000).IsRequired();
        builder.Property(s => s.BaseUrl).HasMaxLength(Limits.Url).IsRequired();
        builder.Property(s => s.PageLanguage).HasMaxLength(2).IsRequired();
        builder.HasMany(s => s.Languages).WithOne().HasForeignKey(l => l.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Meps).WithOne().HasForeignKey(m => m.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Committees).WithOne().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Topics).WithOne().HasForeignKey(t => t.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriberChoiceConfiguration :
    IEntityTypeConfiguration<SubscriberLanguage>, IEntityTypeConfiguration<SubscriberMep>,
    IEntityTypeConfiguration<SubscriberCommittee>, IEntityTypeConfiguration<SubscriberTopic>
{
    public void Configure(EntityTypeBuilder<SubscriberLanguage> builder)
    {
        builder.ToTable("SubscriberLanguages").HasKey(l => new { l.SubscriberId, l.Language });
        builder.Property(l => l.Language).HasMaxLength(2).IsRequired();
    }

    // The choices are looked up from the statement's side when it goes live: index that side first.
    public void Configure(EntityTypeBuilder<SubscriberMep> builder)
    {
        builder.ToTable("SubscriberMeps").HasKey(m => new { m.SubscriberId, m.AuthorId });
        builder.HasIndex(m => m.AuthorId);
        builder.HasOne<Meps.Author>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SubscriberCommittee> builder)
    {
        builder.ToTable("SubscriberCommittees").HasKey(c => new { c.SubscriberId, c.CommitteeId });
        builder.HasIndex(c => c.CommitteeId);
        builder.HasOne<Committees.Committee>().WithMany().HasForeignKey(c => c.CommitteeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SubscriberTopic> builder)
    {
        builder.ToTable("SubscriberTopics").HasKey(t => new { t.SubscriberId, t.TopicId });
        builder.HasIndex(t => t.TopicId);
        builder.HasOne<Topics.Topic>().WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// One alert for one subscriber about one statement: the outbox row written in the go-live
/// transaction. Unique per (statement, subscriber), so a statement alerts each subscriber once.
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int SubscriberId { get; set; }
    public Subscriber Subscriber { get; set; } = null!;
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The site's absolute address as the publishing request saw it (links when Site:PublicUrl is empty).</summary>
    public string BaseUrl { get; set; } = "";
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.HasIndex(d => new { d.ArticleId, d.SubscriberId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.SubscriberId);
        builder.Property(d => d.LastError).HasMaxLength(200);
        builder.Property(d => d.BaseUrl).HasMaxLength(Limits.Url).IsRequired();
        builder.HasOne(d => d.Article).WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Subscriber).WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}
