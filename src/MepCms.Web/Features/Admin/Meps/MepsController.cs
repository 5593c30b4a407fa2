using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Meps;

/// <summary>The MEPs: list, create, edit (every profile field and committee memberships), deactivate.</summary>
[Route("admin/meps")]
[Authorize(Policy = Policies.CanManageDirectory)]
public sealed class MepsController(MepCmsDbContext db, IMarkdownRenderer markdown, MediaImageSizes imageSizes, IPublicCache cache, MediaLibrary media,
    Media.MediaCredits credits, TimeProvider clock) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var meps = await db.Authors.AsNoTracking().OrderByDescending(a => a.IsActive).ThenBy(a => a.FullName)
            .Select(a => new MepRow(a.Id, a.FullName, a.Slug, a.CountryCode, a.PoliticalGroup, a.IsActive, a.Memberships.Count))
            .ToListAsync(cancellationToken);
        return View(new MepListViewModel(meps, TempData.TakeFlash()));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", await EditorAsync(null, new MepForm(), null, cancellationToken));

    [HttpPost("new")]
    [UploadLimit]
    public Task<IActionResult> Create(MepForm form, CancellationToken cancellationToken) =>
        SaveAsync(new Author(), form, cancellationToken);

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var mep = await db.Authors.AsNoTracking().Include(a => a.Memberships).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (mep is null)
        {
            return NotFound();
        }
        var form = MepForm.From(mep);
        if (await PhotoAsync(mep.PhotoPath, cancellationToken) is { } photo)
        {
            (form.PhotoCredit, form.PhotoLicence) = (photo.Credit, photo.Licence);
        }
        return View(await EditorAsync(id, form, mep.PhotoPath, cancellationToken));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    [UploadLimit]
    public async Task<IActionResult> Update(int id, MepForm form, CancellationToken cancellationToken)
    {
        var mep = await db.Authors.Include(a => a.Memberships).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return mep is null ? NotFound() : await SaveAsync(mep, form, cancellationToken);
    }

    /// <summary>A former MEP keeps their page and bylines but leaves the directory.</summary>
    [HttpPost("{id:int:min(1)}/deactivate")]
    public async Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken)
    {
        var mep = await db.Authors.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (mep is null)
        {
            return NotFound();
        }
        mep.IsActive = false;
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.MepDeactivated, "Mep", mep.Id, mep.FullName);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash($"{mep.FullName} is no longer listed as a current MEP.");
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SaveAsync(Author mep, MepForm form, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(form.FullName) : form.Slug;
        var committees = await CommitteesAsync(cancellationToken);
        var chosen = form.Memberships.Where(m => m.Role is not null).ToList();
        if (!Countries.IsMemberState(form.CountryCode))
        {
            ModelState.AddModelError(nameof(form.CountryCode), "Choose one of the EU member states.");
        }
        if (chosen.Any(m => committees.All(c => c.Id != m.CommitteeId)) || chosen.DistinctBy(m => m.CommitteeId).Count() != chosen.Count)
        {
            ModelState.AddModelError(nameof(form.Memberships), "Choose each committee at most once, from the list.");
        }
        if (!Slugs.IsValid(slug))
        {
            ModelState.AddModelError(nameof(form.Slug), "Enter a web address: the name gives none.");
        }
        else if (await db.Authors.AnyAsync(a => a.Slug == slug && a.Id != mep.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another MEP already has the web address “{slug}”. Choose a different one.");
        }
        var bio = markdown.TryRender(form.BioMarkdown ?? "");
        if (!bio.Succeeded)
        {
            ModelState.AddModelError(nameof(form.BioMarkdown), bio.Error!);
        }
        // The photo last: an invalid form stores no file.
        var previousPhoto = mep.PhotoPath;
        if (ModelState.IsValid && form.Photo is not null)
        {
            var upload = await media.AddAsync(form.Photo, MediaKind.Photo, $"Photo of {form.FullName.Trim()}", User, cancellationToken, form.PhotoCredit, form.PhotoLicence);
            if (upload.Item is null) { ModelState.AddModelError(nameof(form.Photo), upload.Error!); }
            else { mep.PhotoPath = upload.Item.Url; }
        }
        else if (form.RemovePhoto)
        {
            mep.PhotoPath = null;
        }
        if (!ModelState.IsValid)
        {
            return View("Edit", await EditorAsync(mep.Id == 0 ? null : mep.Id, form, previousPhoto, cancellationToken));
        }
        var isNew = mep.Id == 0;
        (mep.FullName, mep.Slug, mep.CountryCode, mep.PoliticalGroup, mep.NationalParty) =
            (form.FullName.Trim(), slug, form.CountryCode.ToUpperInvariant(), form.PoliticalGroup.Trim(), form.NationalParty.Trim());
        (mep.BioMarkdown, mep.BioHtml, mep.PressEmail, mep.PressPhone, mep.IsActive) =
            (form.BioMarkdown ?? "", await imageSizes.AddAsync(bio.Html ?? "", cancellationToken), Blank(form.PressEmail), Blank(form.PressPhone), form.IsActive);
        mep.Memberships.RemoveAll(m => chosen.All(c => c.CommitteeId != m.CommitteeId));
        foreach (var membership in chosen)
        {
            var existing = mep.Memberships.FirstOrDefault(m => m.CommitteeId == membership.CommitteeId);
            if (existing is null) { mep.Memberships.Add(new CommitteeMembership { CommitteeId = membership.CommitteeId, Role = membership.Role!.Value }); }
            else { existing.Role = membership.Role!.Value; }
        }
        if (isNew) { db.Authors.Add(mep); }
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, clock.GetUtcNow().UtcDateTime, isNew ? AuditActions.MepCreated : AuditActions.MepEdited, "Mep", mep.Id,
            $"{mep.FullName} ({mep.CountryCode}, {mep.PoliticalGroup}); committees: {string.Join(", ", mep.Memberships.Select(m => $"{m.CommitteeId}:{m.Role}"))}");
        await db.SaveChangesAsync(cancellationToken);
        if (previousPhoto != mep.PhotoPath)
        {
            await media.ReleasePhotoAsync(previousPhoto, User, cancellationToken);
        }
        else if (await PhotoAsync(mep.PhotoPath, cancellationToken) is { } photo && (photo.Credit, photo.Licence) != (MediaItem.CleanLine(form.PhotoCredit), MediaItem.CleanLine(form.PhotoLicence)))
        {
            // The same photo, its credit changed here rather than in the library: the same record, the same audit entry.
            await media.UpdateDetailsAsync(photo, photo.AltText, form.PhotoCredit, form.PhotoLicence, User, cancellationToken);
            await credits.RenderAgainAsync(photo.FileName, cancellationToken);
        }
        await cache.EvictAllAsync(cancellationToken);
        Flash(isNew ? $"{mep.FullName} was added." : "Your changes were saved.");
        return RedirectToAction(nameof(Edit), new { id = mep.Id });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The library's record of the photo at <paramref name="path"/>, tracked; null for no photo or one from elsewhere.</summary>
    private Task<MediaItem?> PhotoAsync(string? path, CancellationToken cancellationToken) =>
        MediaFiles.NameInUrl(path) is { } name ? db.Media.FirstOrDefaultAsync(m => m.FileName == name, cancellationToken) : Task.FromResult<MediaItem?>(null);

    private Task<List<CommitteeChoice>> CommitteesAsync(CancellationToken cancellationToken) =>
        db.Committees.AsNoTracking().OrderByDescending(c => c.IsActive).ThenBy(c => c.Code)
            .Select(c => new CommitteeChoice(c.Id, c.Code, c.Name, c.IsActive)).ToListAsync(cancellationToken);

    private async Task<MepEditorViewModel> EditorAsync(int? id, MepForm form, string? photoPath, CancellationToken cancellationToken) =>
        new(id, form, await CommitteesAsync(cancellationToken), photoPath, media.MaxUploadBytes, TempData.TakeFlash());
}
