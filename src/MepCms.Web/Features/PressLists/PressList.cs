using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.PressLists;

/// <summary>A list of journalists the press office keeps (by beat, country or outlet).</summary>
public sealed class PressList
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<PressContact> Contacts { get; set; } = [];
}

/// <summary>
/// A journalist on a list, entered by staff (no double opt-in; every message carries an
/// unsubscribe). The same address may be on several lists; it receives a statement once.
/// </summary>
public sealed class PressContact
{
    public int Id { get; set; }
    public int PressListId { get; set; }
    public PressList List { get; set; } = null!;
    public string Name { get; set; } = "";
    public string Outlet { get; set; } = "";
    /// <summary>As entered (domain in lower case): where messages go.</summary>
    public string Email { get; set; } = "";
    /// <summary>The whole address in lower case.</summary>
    public string EmailKey { get; set; } = "";
    /// <summary>The languages the journalist reads, ISO 639-1 codes separated by spaces; empty = any.</summary>
    public string Languages { get; set; } = "";
    public string Notes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    public bool Reads(string language) => Languages.Length == 0 || Languages.Split(' ').Contains(language);
}

/// <summary>
/// An address that asked to receive no more press mail (or that the mail server refused for good):
/// kept by address, so it holds on every list, and through a re-import, until it is removed.
/// </summary>
public sealed class PressOptOut
{
    public string EmailKey { get; set; } = "";
    public DateTime At { get; set; }
    public PressOptOutReason Reason { get; set; }
}

public enum PressOptOutReason { Unsubscribed = 0, Bounced = 1 }

/// <summary>
/// A statement sent to one journalist under embargo: who (copied, so the record outlives the
/// contact), through which lists, the personal link's secret, when it was first opened and whether
/// it was revoked. One per statement and address.
/// </summary>
public sealed class PressRecipient
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int? PressContactId { get; set; }
    public string Name { get; set; } = "";
    public string Outlet { get; set; } = "";
    public string Email { get; set; } = "";
    public string EmailKey { get; set; } = "";
    public string Lists { get; set; } = "";
    /// <summary>Part of the personal link's token: a token carrying another value is refused.</summary>
    public Guid LinkSecret { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? FirstOpenedAt { get; set; }
    public int Opens { get; set; }
    /// <summary>The site's absolute address as the sending request saw it (links when Site:PublicUrl is empty).</summary>
    public string BaseUrl { get; set; } = "";
    public List<PressMessage> Messages { get; set; } = [];
}

public enum PressMessageKind
{
    /// <summary>The text, the embargo time and the personal link, sent when staff send the statement.</summary>
    Embargo = 0,
    /// <summary>The public link, sent once when the statement goes live.</summary>
    PublicLink = 1,
}

/// <summary>One message to one journalist about one statement: the press outbox. One per kind.</summary>
public sealed class PressMessage
{
    public long Id { get; set; }
    public long PressRecipientId { get; set; }
    public PressRecipient Recipient { get; set; } = null!;
    public PressMessageKind Kind { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class PressListConfiguration :
    IEntityTypeConfiguration<PressList>, IEntityTypeConfiguration<PressContact>, IEntityTypeConfiguration<PressOptOut>,
    IEntityTypeConfiguration<PressRecipient>, IEntityTypeConfiguration<PressMessage>
{
    public const int LanguagesLength = 24 * 3;
    public const int NotesLength = 2_000;

    public void Configure(EntityTypeBuilder<PressList> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.HasIndex(l => l.Name).IsUnique();
        builder.Property(l => l.Description).HasMaxLength(1_000).IsRequired();
        builder.HasMany(l => l.Contacts).WithOne(c => c.List).HasForeignKey(c => c.PressListId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PressContact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(c => c.Outlet).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(c => c.EmailKey).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(c => c.Languages).HasMaxLength(LanguagesLength).IsRequired();
        builder.Property(c => c.Notes).HasMaxLength(NotesLength).IsRequired();
        builder.HasIndex(c => new { c.PressListId, c.EmailKey }).IsUnique();
        builder.HasIndex(c => c.EmailKey);
    }

    public void Configure(EntityTypeBuilder<PressOptOut> builder)
    {
        builder.HasKey(o => o.EmailKey);
        builder.Property(o => o.EmailKey).HasMaxLength(Limits.Email);
    }

    public void Configure(EntityTypeBuilder<PressRecipient> builder)
    {
        builder.HasIndex(r => new { r.ArticleId, r.EmailKey }).IsUnique();
        builder.HasIndex(r => r.PressContactId);
        builder.Property(r => r.Name).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(r => r.Outlet).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(r => r.Email).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(r => r.EmailKey).HasMaxLength(Limits.Email).IsRequired();
        builder.Property(r => r.Lists).HasMaxLength(1_000).IsRequired();
        builder.Property(r => r.BaseUrl).HasMaxLength(Limits.Url).IsRequired();
        builder.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PressContact>().WithMany().HasForeignKey(r => r.PressContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Messages).WithOne(m => m.Recipient).HasForeignKey(m => m.PressRecipientId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PressMessage> builder)
    {
        builder.HasIndex(m => new { m.PressRecipientId, m.Kind }).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.Property(m => m.LastError).HasMaxLength(200);
    }
}
