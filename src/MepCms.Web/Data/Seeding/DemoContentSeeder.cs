using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Topics;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using static MepCms.Web.Data.Seeding.DemoContentFiles;

namespace MepCms.Web.Data.Seeding;

/// <summary>
/// Adds the fictional demo MEPs, committees, topics and statements that are not there yet
/// (matched by slug or code), so running it again adds nothing twice.
/// </summary>
internal sealed class DemoContentSeeder(MepCmsDbContext db, IMarkdownRenderer markdown, ImageProcessor images, MediaFiles files, TimeProvider clock, ILogger<DemoContentSeeder> logger)
{
    private const string LeadImageAlt = "Illustration: the seats of a parliament's hemicycle under a ring of twelve stars";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var committees = await SeedCommitteesAsync(cancellationToken);
        var topics = await SeedTopicsAsync(cancellationToken);
        var authors = await SeedAuthorsAsync(committees, cancellationToken);
        var added = await SeedStatementsAsync(authors, committees, topics, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Seeded {Count} demo statements", added);
        }
    }

    private async Task<Dictionary<string, Committee>> SeedCommitteesAsync(CancellationToken ct)
    {
        var existing = await db.Committees.ToDictionaryAsync(c => c.Code, ct);
        foreach (var c in Committees().Where(c => !existing.ContainsKey(c.Code)))
        {
            existing[c.Code] = db.Committees.Add(new Committee { Code = c.Code, Slug = c.Slug, Name = c.Name, Description = c.Description }).Entity;
        }
        await db.SaveChangesAsync(ct);
        return existing;
    }

    private async Task<Dictionary<string, Topic>> SeedTopicsAsync(CancellationToken ct)
    {
        var existing = await db.Topics.ToDictionaryAsync(t => t.Slug, ct);
        foreach (var t in Topics().Where(t => !existing.ContainsKey(t.Slug)))
        {
            existing[t.Slug] = db.Topics.Add(new Topic { Slug = t.Slug, Name = t.Name, Description = t.Description }).Entity;
        }
        await db.SaveChangesAsync(ct);
        return existing;
    }

    private async Task<Dictionary<string, Author>> SeedAuthorsAsync(Dictionary<string, Committee> committees, CancellationToken ct)
    {
        var existing = await db.Authors.ToDictionaryAsync(a => a.Slug, ct);
        foreach (var a in Authors().Where(a => !existing.ContainsKey(a.Slug)))
        {
            var author = new Author
            {
                Slug = a.Slug, FullName = a.FullName, CountryCode = a.Country.ToUpperInvariant(), PoliticalGroup = a.Group,
                NationalParty = a.Party, BioMarkdown = a.Bio, BioHtml = markdown.Render(a.Bio),
                PressEmail = a.Email, PressPhone = a.Phone, IsActive = a.Active,
            };
            author.PhotoPath = (await PictureAsync(DemoPictures.Portrait(a.Slug), MediaKind.Photo, $"Illustrated portrait of {a.FullName}, a fictional MEP", ct))?.Url;
            foreach (var m in a.Committees.Where(m => committees.ContainsKey(m.Code)))
            {
                author.Memberships.Add(new CommitteeMembership { Committee = committees[m.Code], Role = Enum.Parse<CommitteeRole>(m.Role, true) });
            }
            existing[a.Slug] = db.Authors.Add(author).Entity;
        }
        await db.SaveChangesAsync(ct);
        return existing;
    }

    private async Task<int> SeedStatementsAsync(Dictionary<string, Author> authors, Dictionary<string, Committee> committees, Dictionary<string, Topic> topics, CancellationToken ct)
    {
        var existing = (await db.Articles.Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = BrusselsTime.ToLocal(now).Date;
        var added = 0;
        foreach (var s in Statements().Where(s => !existing.Contains(s["slug"])))
        {
            var daysAgo = int.Parse(s["daysAgo"], CultureInfo.InvariantCulture);
            var hour = int.TryParse(s["hour"], CultureInfo.InvariantCulture, out var h) ? h : 10;
            var publishAt = BrusselsTime.ToUtc(today.AddDays(-daysAgo).AddHours(hour));
            var status = Enum.Parse<ArticleStatus>(s["status"], true);
            var language = s["language"] is { Length: 2 } lang ? lang : "en";
            // A translation (`translationOf:` the source's slug) is a version of the source's statement and shares its rating.
            var source = await SourceOfAsync(s["translationOf"], ct);
            var article = new Article
            {
                Statement = source?.Statement ?? new Statement(), TranslationOfId = source?.Id,
                TranslatedRevision = source?.Revisions.Max(r => (int?)r.Number) ?? (source is null ? null : 1),
                Title = Typography.Smarten(s["title"], language), Slug = s["slug"], Lead = Typography.Smarten(s["lead"], language),
                BodyMarkdown = s.Body, BodyHtml = markdown.Render(s.Body, language), Language = language, Place = s["place"],
                ProcedureReference = s["procedure"] is { Length: > 0 } p ? p : null,
                Status = status, PublishAt = status == ArticleStatus.Published ? publishAt : null,
                WentLiveAt = status == ArticleStatus.Published && publishAt <= now ? publishAt : null, // already live: no go-live burst at first start
                CreatedAt = publishAt.AddHours(-3), UpdatedAt = publishAt.AddHours(-1),
            };
            // Most statements have a lead image; every fourth shows the drawn share card instead.
            if (added % 4 != 3)
            {
                article.LeadImage = await PictureAsync(DemoPictures.LeadImage(article.Slug), MediaKind.Image, LeadImageAlt, ct);
            }
            var position = 0;
            foreach (var slug in s.List("meps").Where(authors.ContainsKey))
            {
                article.Authors.Add(new ArticleAuthor { Author = authors[slug], Position = position++ });
            }
            article.Committees.AddRange(s.List("committees").Where(committees.ContainsKey).Select(c => committees[c]));
            article.Topics.AddRange(s.List("topics").Where(topics.ContainsKey).Select(t => topics[t]));
            article.Revisions.Add(new ArticleRevision
            {
                Number = 1, Title = article.Title, Lead = article.Lead, BodyMarkdown = article.BodyMarkdown,
                Status = status, CreatedAt = article.CreatedAt, CreatedByName = "Demo content", Note = "Imported demo statement",
            });
            AddChange(article, s, publishAt, now);
            db.Articles.Add(article);
            AddRatings(article, s.List("ratings"), publishAt);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// The version a demo translation was made from, with its statement and revisions (seeded before
    /// it, in file order, and saved so it has its id); none for a statement written in its own language.
    /// </summary>
    private async Task<Article?> SourceOfAsync(string sourceSlug, CancellationToken ct)
    {
        if (sourceSlug.Length == 0)
        {
            return null;
        }
        if (db.Articles.Local.Any(a => a.Slug == sourceSlug && a.Id <= 0))
        {
            await db.SaveChangesAsync(ct);
        }
        return db.Articles.Local.FirstOrDefault(a => a.Slug == sourceSlug)
            ?? await db.Articles.Include(a => a.Statement).Include(a => a.Revisions).FirstOrDefaultAsync(a => a.Slug == sourceSlug, ct)
            ?? throw new InvalidOperationException($"The demo statement '{sourceSlug}' a translation names does not exist.");
    }

    /// <summary>A statement updated or corrected after it went live (`update:` or `correction:` and `changedHoursAfter:`): its note and second revision.</summary>
    private static void AddChange(Article article, DemoContentFiles.DemoStatement s, DateTime publishAt, DateTime now)
    {
        var (kind, note) = s["correction"] is { Length: > 0 } c ? (ChangeKind.Correction, c) : (ChangeKind.Update, s["update"]);
        var at = publishAt.AddHours(int.TryParse(s["changedHoursAfter"], CultureInfo.InvariantCulture, out var hours) ? hours : 6);
        if (note.Length == 0 || article.Status != ArticleStatus.Published || at > now)
        {
            return;
        }
        article.UpdatedAt = at;
        // The first revision is the text as it went live: without the paragraphs the change added.
        var added = int.TryParse(s["changedParagraphs"], CultureInfo.InvariantCulture, out var count) ? count : 0;
        var paragraphs = article.BodyMarkdown.TrimEnd().Split("\n\n");
        article.Revisions[0].BodyMarkdown = string.Join("\n\n", paragraphs.Take(Math.Max(1, paragraphs.Length - added)));
        article.Revisions.Add(new ArticleRevision
        {
            Number = 2, Title = article.Title, Lead = article.Lead, BodyMarkdown = article.BodyMarkdown, Status = article.Status,
            CreatedAt = at, CreatedByName = "Demo content", Note = $"{kind}: {note}",
        });
        article.Corrections.Add(new ArticleCorrection { Kind = kind, Note = note, CreatedAt = at, RevisionNumber = 2 });
    }

    private void AddRatings(Article article, IEnumerable<string> scores, DateTime publishAt)
    {
        var i = 0;
        foreach (var score in scores.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Where(v => v is >= Rating.MinScore and <= Rating.MaxScore))
        {
            var at = publishAt.AddMinutes(37 * ++i);
            db.Ratings.Add(new Rating { Statement = article.Statement, Score = score, VisitorHash = DemoVisitor(article.Slug, i), CreatedAt = at, UpdatedAt = at });
            article.Statement.RatingCount++;
            article.Statement.RatingSum += score;
        }
    }

    /// <summary>A drawn picture through the upload pipeline into the media library (saved with the content that shows it).</summary>
    private async Task<MediaItem?> PictureAsync(byte[] drawn, MediaKind kind, string alt, CancellationToken ct)
    {
        if ((await images.ProcessAsync(drawn, kind, ct)).Image is not { } image)
        {
            return null;
        }
        var item = new MediaItem
        {
            FileName = MediaFiles.NewName(image.Format), Kind = kind, Width = image.Width, Height = image.Height, Bytes = image.Content.Length,
            ContentType = image.Format.ContentType, AltText = alt, Credit = DemoPictures.Credit, Licence = DemoPictures.Licence,
            UploadedByName = "Demo content", UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await files.WriteAsync(item.FileName, image.Content, ct);
        return db.Media.Add(item).Entity;
    }

    // Demo readers are invented: a stable hash per (statement, n) stands in for a visitor's keyed hash.
    private static string DemoVisitor(string slug, int n) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"demo-reader:{slug}:{n}")));
}
