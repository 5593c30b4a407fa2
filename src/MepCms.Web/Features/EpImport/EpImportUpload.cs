using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// Files uploaded for an import from file, kept between the preview and the apply (in the database, so
/// either instance behind the load balancer can apply), as a zip under the API's paths. Only the admin
/// who uploaded them may apply them; applied or a day old, they are deleted.
/// </summary>
public sealed class EpImportUpload
{
    /// <summary>128 random bits, hex: the form names the upload by it.</summary>
    public string Token { get; set; } = "";
    public string? UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public byte[] Content { get; set; } = [];
}

internal sealed class EpImportUploadConfiguration : IEntityTypeConfiguration<EpImportUpload>
{
    public void Configure(EntityTypeBuilder<EpImportUpload> builder)
    {
        builder.HasKey(u => u.Token);
        builder.Property(u => u.Token).HasMaxLength(32);
        builder.Property(u => u.UserId).HasMaxLength(Limits.UserId);
        builder.Property(u => u.Content).IsRequired();
        builder.HasIndex(u => u.CreatedAt);
    }
}
