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
    /// <summary>Who made it, as it must be shown ("© European Union – Source: EP", "Photo: Jana Novak"); shown under the image.</summary>
    public string? Credit { get; set; }
    /// <summary>Its licence, when it is not the office's own ("CC BY 4.0").</summary>
    public string? Licence { get; set; }
    public string? UploadedById { get; set; }
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public string Url => MediaFiles.UrlOf(FileName);

    /// <summary>A credit or licence as stored: one line, control and invisible characters out; null when nothing is left.</summary>
    public static string? CleanLine(string? text) => Infrastructure.Security.TextInput.CleanLine(text ?? "") is { Length: > 0 } clean ? clean : null;

    /// <summary>The credit and licence as shown under the image, or null when it has neither.</summary>
    public static string? CreditLine(string? credit, string? licence) =>
        (credit, licence) switch
        {
            ({ Length: > 0 } c, { Length: > 0 } l) => $"{c} ({l})",
            ({ Length: > 0 } c, _) => c,
            (_, { Length: > 0 } l) => l,
            _ => null,
        };
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
        builder.Property(m => m.Credit).HasMaxLength(MediaItemLimits.Credit);
        builder.Property(m => m.Licence).HasMaxLength(MediaItemLimits.Licence);
        builder.Property(m => m.UploadedById).HasMaxLength(Limits.UserId);
        builder.Property(m => m.UploadedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(m => m.UploadedAt);
    }
}

public static class MediaItemLimits
{
    public const int AltText = 300;
    public const int Credit = 200;
    public const int Licence = 100;
}
