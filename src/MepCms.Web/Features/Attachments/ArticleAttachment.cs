using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Attachments;

/// <summary>A PDF document published with a statement: the signed letter, the speech as delivered, the resolution.</summary>
public sealed class ArticleAttachment
{
    public const int TitleLength = 200;
    public const int DownloadNameLength = 120;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    /// <summary>What it is, as readers see it ("Signed letter to the Commission").</summary>
    public string Title { get; set; } = "";
    /// <summary>Generated ("3f2a….pdf"); the uploaded name is never used for storage.</summary>
    public string FileName { get; set; } = "";
    /// <summary>The name a download is saved under: made from the title, letters, digits and hyphens.</summary>
    public string DownloadName { get; set; } = "";
    public long Bytes { get; set; }
    /// <summary>Its number of pages, when the check could read it from the page tree.</summary>
    public int? PageCount { get; set; }
    public int Position { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedById { get; set; }
    public string UploadedByName { get; set; } = "";

    public string Url => $"/attachments/{Id}/{DownloadName}";
}

internal sealed class ArticleAttachmentConfiguration : IEntityTypeConfiguration<ArticleAttachment>
{
    public void Configure(EntityTypeBuilder<ArticleAttachment> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(ArticleAttachment.TitleLength).IsRequired();
        builder.Property(a => a.FileName).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.FileName).IsUnique();
        builder.Property(a => a.DownloadName).HasMaxLength(ArticleAttachment.DownloadNameLength).IsRequired();
        builder.Property(a => a.UploadedById).HasMaxLength(Limits.UserId);
        builder.Property(a => a.UploadedByName).HasMaxLength(Limits.Email).IsRequired();
        builder.HasIndex(a => new { a.ArticleId, a.Position });
        builder.HasOne(a => a.Article).WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A statement's document as a page or a feed lists it.</summary>
public sealed record AttachmentLink(int Id, string Title, string DownloadName, long Bytes)
{
    public int? PageCount { get; init; }

    /// <summary>Where a staff preview or an embargo page links instead of the public address, which answers only once the statement is public.</summary>
    public string? Href { get; init; }

    /// <summary>The public address: stable for the document, its name following its title.</summary>
    public string PublicUrl => $"/attachments/{Id}/{DownloadName}";

    public string Url => Href ?? PublicUrl;

    /// <summary>"PDF, 1.2 MB, 3 pages".</summary>
    public string SizeText => "PDF, " + Sizes.Text(Bytes) + PageCount switch
    {
        1 => ", 1 page",
        { } pages => $", {pages} pages",
        null => "",
    };
}

/// <summary>The folder of stored documents, beside the images; names generated here and checked on the way in.</summary>
public sealed partial class AttachmentFiles(IOptions<MediaOptions> options, IWebHostEnvironment environment)
{
    public string Folder { get; } = Path.Combine(options.Value.FullFolder(environment.ContentRootPath), "documents");

    public static string NewName() => $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.pdf";

    public string? PathOf(string name) => NamePattern().IsMatch(name) && File.Exists(Path.Combine(Folder, name)) ? Path.Combine(Folder, name) : null;

    public Task WriteAsync(string name, byte[] content, CancellationToken cancellationToken) => MediaFiles.WriteAsync(Folder, name, content, cancellationToken);

    /// <summary>The stored documents' names, those written longer than <paramref name="olderThan"/> ago.</summary>
    public List<string> Stored(TimeSpan olderThan)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        var before = DateTime.UtcNow - olderThan; // the file system's clock, which wrote the files' times
        return [.. Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>()
            .Where(name => NamePattern().IsMatch(name) && File.GetLastWriteTimeUtc(Path.Combine(Folder, name)) < before)];
    }

    public void Delete(string name)
    {
        if (NamePattern().IsMatch(name))
        {
            File.Delete(Path.Combine(Folder, name));
        }
    }

    /// <summary>"signed-letter-to-the-commission.pdf": the title's letters and digits, accents dropped.</summary>
    public static string DownloadNameFor(string title)
    {
        var plain = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) { plain.Append(char.ToLowerInvariant(c)); }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && plain.Length > 0 && plain[^1] != '-') { plain.Append('-'); }
        }
        var name = plain.ToString().Trim('-');
        name = name.Length == 0 ? "document" : name[..Math.Min(name.Length, ArticleAttachment.DownloadNameLength - 4)].Trim('-');
        return name + ".pdf";
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.pdf$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

public static class AttachmentsSetup
{
    /// <summary>Statements' PDF documents: stored beside the images, checked, served by the site itself.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddSingleton<AttachmentFiles>();
        services.AddScoped<Attachments>();
        services.AddSingleton<IPublicationListener, AttachmentSweep>();
        return services;
    }
}
