using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Media;

/// <summary>What an image is for: its size and crop follow from it.</summary>
public enum MediaKind
{
    /// <summary>An image in a statement: at most <see cref="MediaOptions.ImageMaxWidth"/> wide.</summary>
    Image = 0,
    /// <summary>An MEP's photo: a centred square of <see cref="MediaOptions.PhotoSide"/> pixels.</summary>
    Photo = 1,
}

/// <summary>One stored upload: the re-encoded file under a generated name, and who brought it.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    /// <summary>Generated ("3f2a….jpg"); the uploaded name is never used.</summary>
    public string FileName { get; set; } = "";
    public MediaKind Kind { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    public string ContentType { get; set; } = "";
    public string AltText { get; set; } = "";
    public string? UploadedById { get; set; }
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public string Url => MediaFiles.UrlOf(FileName);
}

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("Media");
        builder.Property(m => m.FileName).HasMaxLength(64).IsRequired();
        builder.HasIndex(m => m.FileName).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(m => m.AltText).HasMaxLength(MediaItemLimits.AltText).IsRequired();
        builder.Property(m => m.UploadedById).HasMaxLength(Limits.UserId);
        builder.Property(m => m.UploadedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(m => m.UploadedAt);
    }
}

public static class MediaItemLimits
{
    public const int AltText = 300;
}
