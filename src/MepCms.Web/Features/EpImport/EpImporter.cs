using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Meps;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// Imports MEPs and their committees from the European Parliament's open data: <see cref="PrepareAsync"/>
/// reads and compares (the preview, nothing written); <see cref="ApplyAsync"/> reads again and writes
/// all of it in one transaction, one audit entry per change, or nothing. The EP owns name, country,
/// group, national party, the EP photo and the memberships it made; the office owns the slug, the bio,
/// the press contact, an uploaded photo and memberships added by hand, which the import never touches.
/// </summary>
public sealed class EpImporter(MepCmsDbContext db, MediaLibrary media, ImageProcessor processor, IPublicCache cache, TimeProvider clock, ILogger<EpImporter> logger)
{
    /// <summary>The credit the EP asks for, shown under every imported photo.</summary>
    public const string PhotoCredit = "© European Union – Source: EP";

    /// <summary>Reads the EP's data and compares it with MepCms. Throws <see cref="EpUnavailableException"/> when the source cannot be reached.</summary>
    public async Task<EpImportPlan> PrepareAsync(IEpSource source, EpImportRequest request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(BrusselsTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        var warnings = new List<string>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        IReadOnlyList<EpRosterEntry>? roster = null;
        try
        {
            roster = await source.RosterAsync(cancellationToken);
            if (roster.Count == 0)
            {
                // An empty roster would mark every imported MEP as gone: never trust it.
                roster = null;
                warnings.Add("The EP's roster of current MEPs is empty; no MEP is marked as having left.");
            }
        }
        catch (EpFormatException e)
        {
            if (request.AllCurrent) throw new EpUnavailableException($"The roster of current MEPs could not be read: {e.Message}", e);
            warnings.Add($"The roster of current MEPs could not be read ({e.Message}); no MEP is marked as having left.");
        }

        var ids = request.AllCurrent ? roster!.Select(r => r.EpId).ToList() : request.MepIds.Distinct(StringComparer.Ordinal).ToList();
        var reading = await EpReader.ReadAsync(source, ids, today, cancellationToken);
        warnings.AddRange(reading.Warnings);
        foreach (var (id, error) in reading.Errors) errors[id] = error;

        var current = roster?.Select(r => r.EpId).ToHashSet(StringComparer.Ordinal);
        var authors = await db.Authors.AsNoTracking().Include(a => a.Memberships).ThenInclude(m => m.Committee).ToListAsync(cancellationToken);
        var committees = await db.Committees.AsNoTracking().Include(c => c.Names).ToListAsync(cancellationToken);

        var meps = new List<EpMepPlan>();
        var linked = new HashSet<int>();
        foreach (var record in reading.Records)
        {
            var author = authors.FirstOrDefault(a => a.EpId == record.EpId);
            var leftAlready = current is not null && !current.Contains(record.EpId);
            if (author is null && leftAlready)
            {
                errors[record.EpId] = $"{record.FullName} is not a current MEP; only current MEPs are imported.";
                continue;
            }
            if (author is null)
            {
                var key = Slugs.From(record.FullName);
                author = authors.FirstOrDefault(a => a.EpId is null && a.CountryCode == record.CountryCode && Slugs.From(a.FullName) == key && !linked.Contains(a.Id));
                if (author is not null)
                {
                    linked.Add(author.Id);
                    meps.Add(new EpMepPlan(EpMepChange.Link, record.EpId, record.FullName, author.Id, author.Slug, EpComparison.Differences(author, record, committees), record));
                }
                else
                {
                    meps.Add(new EpMepPlan(EpMepChange.New, record.EpId, record.FullName, null, null, EpComparison.Differences(null, record, committees), record));
                }
                continue;
            }
            if (leftAlready)
            {
                if (author.IsActive) meps.Add(EpComparison.LeftPlan(author));
                continue;
            }
            var fields = EpComparison.Differences(author, record, committees);
            var unchanged = author.EpRecordHash == record.Hash || fields.Count == 0;
            meps.Add(new EpMepPlan(unchanged ? EpMepChange.Unchanged : EpMepChange.Changed, record.EpId, record.FullName, author.Id, author.Slug,
                unchanged ? [] : fields, record));
        }
        if (current is not null)
        {
            var planned = meps.Select(m => m.EpId).Concat(errors.Keys).ToHashSet(StringComparer.Ordinal);
            meps.AddRange(authors
                .Where(a => a.EpId is not null && a.IsActive && !current.Contains(a.EpId) && !planned.Contains(a.EpId))
                .OrderBy(a => a.FullName, StringComparer.CurrentCulture)
                .Select(EpComparison.LeftPlan));
        }

        return new EpImportPlan(source.Name, meps, EpComparison.CommitteePlans(reading, meps, committees), warnings, errors, reading.Meps);
    }

    /// <summary>
    /// Reads again and writes everything in one transaction: the MEPs, their committees, their photos, one
    /// audit entry per change. When <paramref name="expectedFingerprint"/> is given and the EP's data no
    /// longer gives the previewed plan, nothing is written and the new plan comes back for another look.
    /// </summary>
    public async Task<(EpImportResult? Result, EpImportPlan Plan)> ApplyAsync(IEpSource source, EpImportRequest request, EpImportActor actor,
        string? expectedFingerprint, CancellationToken cancellationToken)
    {
        var plan = await PrepareAsync(source, request, cancellationToken);
        if (expectedFingerprint is not null && plan.Fingerprint != expectedFingerprint)
        {
            return (null, plan);
        }
        var photos = await PhotosAsync(source, plan, cancellationToken);
        var staged = new List<MediaItem>();
        var released = new List<string>();
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                foreach (var item in staged) media.Discard(item);
                staged.Clear();
                released.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await WriteAsync(plan, photos, actor, staged, released, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch
        {
            foreach (var item in staged) media.Discard(item);
            db.ChangeTracker.Clear();
            throw;
        }
        foreach (var name in released) media.DeleteFile(name);
        if (plan.HasChanges || staged.Count > 0)
        {
            await cache.EvictAllAsync(cancellationToken);
        }
        logger.LogInformation("EP import from {Source} by {Actor}: {Summary}; {Photos} photos stored", plan.Source, actor.UserName, plan.Summary, staged.Count);
        return (new EpImportResult(plan, staged.Count, photos.Warnings), plan);
    }

    private sealed record Photos(IReadOnlyDictionary<string, (ProcessedImage Image, string? ETag)> Images, IReadOnlyList<string> Warnings);

    /// <summary>
    /// The photos to store, read before the transaction (network time never holds it open): for MEPs new,
    /// linked or changed, and for imported MEPs without a photo yet, unless the office uploaded its own.
    /// A photo that cannot be fetched or read is a warning, never a failed import.
    /// </summary>
    private async Task<Photos> PhotosAsync(IEpSource source, EpImportPlan plan, CancellationToken cancellationToken)
    {
        var images = new Dictionary<string, (ProcessedImage, string?)>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var authors = await db.Authors.AsNoTracking().Where(a => a.EpId != null || plan.Meps.Select(m => m.AuthorId).Contains(a.Id))
            .Select(a => new { a.Id, a.PhotoPath, a.PhotoFromEp, a.EpPhotoETag }).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var mep in plan.Read)
        {
            var entry = plan.Meps.FirstOrDefault(m => m.EpId == mep.EpId);
            if (entry is null || entry.Change == EpMepChange.Left || mep.PhotoUrl is null) continue;
            var author = entry.AuthorId is { } id && authors.TryGetValue(id, out var a) ? a : null;
            if (author is not null && author.PhotoPath is not null && !author.PhotoFromEp) continue; // the office's own photo
            if (entry.Change == EpMepChange.Unchanged && author?.PhotoPath is not null) continue;
            try
            {
                var photo = await source.PhotoAsync(mep, author?.PhotoPath is null ? null : author.EpPhotoETag, cancellationToken);
                if (photo is null || photo.NotModified || photo.Bytes is null) continue;
                var processing = await processor.ProcessAsync(photo.Bytes, MediaKind.Photo, cancellationToken);
                if (processing.Image is { } image) images[mep.EpId] = (image, photo.ETag);
                else warnings.Add($"The photo of {mep.FullName} was not stored: {processing.Error}");
            }
            catch (EpFormatException e)
            {
                warnings.Add($"The photo of {mep.FullName} was not stored: {e.Message}");
            }
        }
        return new Photos(images, warnings);
    }

    private async Task WriteAsync(EpImportPlan plan, Photos photos, EpImportActor actor, List<MediaItem> staged, List<string> released, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        void Audit(string action, string type, object id, string summary) => db.Record(actor.UserId, actor.UserName, now, action, type, id, summary);

        var committees = await db.Committees.Include(c => c.Names).ToListAsync(cancellationToken);
        foreach (var entry in plan.Committees)
        {
            var committee = entry.CommitteeId is { } id ? committees.Single(c => c.Id == id) : null;
            if (committee is null)
            {
                committee = new Committee { Code = entry.Code, Slug = UniqueSlug(entry.Code, committees.Select(c => c.Slug)), Description = "" };
                db.Committees.Add(committee);
                committees.Add(committee);
            }
            committee.EpId = entry.EpId;
            committee.Code = entry.Code;
            committee.Name = entry.Name;
            foreach (var (language, name) in entry.Body.Names.Where(n => EpComparison.LanguageCode(n.Key) is not null))
            {
                var code = EpComparison.LanguageCode(language)!;
                var known = committee.Names.FirstOrDefault(n => n.Language == code);
                if (known is null) committee.Names.Add(new CommitteeName { Language = code, Name = EpComparison.Clip(name) });
                else known.Name = EpComparison.Clip(name);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in plan.Committees)
        {
            var committee = committees.Single(c => c.EpId == entry.EpId);
            Audit(entry.IsNew ? AuditActions.CommitteeImported : AuditActions.CommitteeRefreshedFromEp, "Committee", committee.Id,
                $"{entry.Code} (EP {entry.EpId}): {(entry.IsNew ? entry.Name : string.Join("; ", entry.Fields.Select(f => $"{f.Field}: {f.Before} → {f.After}")))}");
        }

        var byEpId = committees.Where(c => c.EpId is not null).ToDictionary(c => c.EpId!, StringComparer.Ordinal);
        var slugs = await db.Authors.Select(a => a.Slug).ToListAsync(cancellationToken);
        foreach (var entry in plan.Meps.Where(m => m.Change != EpMepChange.Unchanged || photos.Images.ContainsKey(m.EpId)))
        {
            if (entry.Change == EpMepChange.Left)
            {
                var former = await db.Authors.SingleAsync(a => a.Id == entry.AuthorId, cancellationToken);
                former.IsActive = false;
                Audit(AuditActions.MepLeftParliament, "Mep", former.Id, $"{former.FullName} (EP {former.EpId}) is no longer on the EP's roster of current MEPs");
                continue;
            }
            var record = entry.Record!;
            var author = entry.AuthorId is { } id
                ? await db.Authors.Include(a => a.Memberships).SingleAsync(a => a.Id == id, cancellationToken)
                : null;
            if (author is null)
            {
                var slug = UniqueSlug(Slugs.From(record.FullName), slugs);
                slugs.Add(slug);
                author = new Author { Slug = slug };
                db.Authors.Add(author);
            }
            (author.EpId, author.FullName, author.CountryCode, author.PoliticalGroup, author.NationalParty) =
                (record.EpId, EpComparison.Clip(record.FullName), record.CountryCode, EpComparison.Clip(record.PoliticalGroup, 64), EpComparison.Clip(record.NationalParty));
            (author.EpRecordHash, author.EpImportedAt, author.IsActive) = (record.Hash, now, true);
            Seats(author, record, byEpId);
            var previousPhoto = author.PhotoPath;
            if (photos.Images.TryGetValue(record.EpId, out var photo))
            {
                var item = await media.StageAsync(photo.Image, MediaKind.Photo, $"Photo of {record.FullName}", PhotoCredit, null, actor.UserId, actor.UserName, cancellationToken);
                staged.Add(item);
                (author.PhotoPath, author.PhotoFromEp, author.EpPhotoETag) = (item.Url, true, photo.ETag);
            }
            await db.SaveChangesAsync(cancellationToken);
            var summary = entry.Change switch
            {
                EpMepChange.New => $"{author.FullName} ({author.CountryCode}, {author.PoliticalGroup}), EP {record.EpId}; committees: {EpComparison.Committees(record)}",
                _ => $"{author.FullName}, EP {record.EpId}: " + (entry.Fields.Count == 0 ? "photo" : string.Join("; ", entry.Fields.Select(f => $"{f.Field}: {f.Before} → {f.After}"))),
            };
            Audit(entry.Change switch
            {
                EpMepChange.New => AuditActions.MepImported,
                EpMepChange.Link => AuditActions.MepLinkedToEp,
                _ => AuditActions.MepRefreshedFromEp,
            }, "Mep", author.Id, summary);
            if (previousPhoto is not null && previousPhoto != author.PhotoPath && MediaFiles.NameInUrl(previousPhoto) is { } oldName
                && await db.Media.FirstOrDefaultAsync(m => m.FileName == oldName && m.Kind == MediaKind.Photo, cancellationToken) is { } old
                && !await db.Authors.AnyAsync(a => a.PhotoPath == previousPhoto && a.Id != author.Id, cancellationToken))
            {
                // The EP photo replaced by a newer one leaves the library with the row; its file goes after the commit is certain.
                db.Media.Remove(old);
                released.Add(old.FileName);
                Audit(AuditActions.MediaDeleted, "Media", old.FileName, $"{old.Kind}: {old.AltText} (replaced by the EP's newer photo)");
            }
        }
    }

    /// <summary>Brings the EP-made memberships in line with the EP's seats; memberships added by hand stay as they are.</summary>
    private static void Seats(Author author, EpRecord record, IReadOnlyDictionary<string, Committee> committees)
    {
        var wanted = record.Seats.Where(s => committees.ContainsKey(s.CommitteeEpId)).ToDictionary(s => committees[s.CommitteeEpId].Id);
        author.Memberships.RemoveAll(m => m.FromEp && !wanted.ContainsKey(m.CommitteeId));
        foreach (var (committeeId, seat) in wanted)
        {
            var membership = author.Memberships.FirstOrDefault(m => m.CommitteeId == committeeId);
            if (membership is null) author.Memberships.Add(new CommitteeMembership { CommitteeId = committeeId, Role = seat.Role, Since = seat.Since, FromEp = true });
            else if (membership.FromEp) (membership.Role, membership.Since) = (seat.Role, seat.Since);
        }
    }

    private static string UniqueSlug(string wanted, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var slug = Slugs.IsValid(wanted) ? wanted.ToLowerInvariant() : "mep";
        for (var n = 2; used.Contains(slug); n++) slug = $"{(Slugs.IsValid(wanted) ? wanted.ToLowerInvariant() : "mep")}-{n}";
        return slug;
    }

}
