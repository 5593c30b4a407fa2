using MepCms.Web.Data;
using MepCms.Web.Features.Admin.Directory;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Committees;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Committees;

/// <summary>The committees: create, edit, merge, retire. Codes and slugs are unique.</summary>
[Authorize(Policy = Policies.CanManageDirectory)]
public sealed class CommitteesController(MepCmsDbContext db, IPublicCache cache, TimeProvider clock, DirectoryMerge merge) : DirectoryController
{
    private static readonly DirectoryKind Kind = DirectoryKind.Committee;

    [HttpGet("/admin/committees")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await db.Committees.AsNoTracking().OrderByDescending(c => c.IsActive).ThenBy(c => c.Code)
            .Select(c => new DirectoryRow(c.Id, c.Code, c.Name, c.Slug, c.IsActive, c.MergedIntoId != null, c.Memberships.Count))
            .ToListAsync(cancellationToken);
        return View("DirectoryList", new DirectoryListViewModel(Kind, rows, TempData["flash"] as string));
    }

    [HttpGet("/admin/committees/new")]
    public IActionResult New() => View("DirectoryEntry", new DirectoryEntryViewModel(Kind, null, new DirectoryEntryForm(), null));

    [HttpPost("/admin/committees/new")]
    public Task<IActionResult> Create(DirectoryEntryForm form, CancellationToken cancellationToken) => SaveAsync(new Committee(), form, cancellationToken);

    [HttpGet("/admin/committees/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await db.Committees.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new DirectoryEntryForm { Code = c.Code, Name = c.Name, Slug = c.Slug, Description = c.Description, IsActive = c.IsActive })
            .FirstOrDefaultAsync(cancellationToken);
        return form is null ? NotFound() : View("DirectoryEntry", await EntryAsync(id, form, TempData["flash"] as string, cancellationToken));
    }

    [HttpPost("/admin/committees/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Update(int id, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return committee is null ? NotFound() : await SaveAsync(committee, form, cancellationToken);
    }

    /// <summary>A retired committee leaves the directory and the editor; its page and memberships stay.</summary>
    [HttpPost("/admin/committees/{id:int:min(1)}/retire")]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (committee is null)
        {
            return NotFound();
        }
        committee.IsActive = false;
        db.Record(User, clock.GetUtcNow().UtcDateTime, "Committee.Retired", "Committee", committee.Id, committee.Code);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash($"{committee.Code} was retired.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Its statements (and memberships) go to the chosen committee; its pages then answer 301 to that one.</summary>
    [HttpPost("/admin/committees/{id:int:min(1)}/merge")]
    public async Task<IActionResult> Merge(int id, MergeForm form, CancellationToken cancellationToken) =>
        await Merged(await merge.MergeCommitteesAsync(id, form.TargetId ?? 0, User, cancellationToken), form, () => Edit(id, cancellationToken));

    private async Task<DirectoryEntryViewModel> EntryAsync(int id, DirectoryEntryForm form, string? flash, CancellationToken cancellationToken)
    {
        var targets = await db.Committees.AsNoTracking().Where(c => c.IsActive && c.MergedIntoId == null && c.Id != id).OrderBy(c => c.Code + " " + c.Name)
            .Select(c => new MergeTarget(c.Id, c.Code + " " + c.Name)).ToListAsync(cancellationToken);
        var mergedInto = await db.Committees.AsNoTracking().Where(x => db.Committees.Any(c => c.Id == id && c.MergedIntoId == x.Id))
            .Select(c => new MergeTarget(c.Id, c.Code + " " + c.Name)).FirstOrDefaultAsync(cancellationToken);
        return new DirectoryEntryViewModel(Kind, id, form, flash, targets, mergedInto);
    }

    private async Task<IActionResult> SaveAsync(Committee committee, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var code = form.Code?.Trim().ToUpperInvariant() ?? "";
        var slug = DirectoryForms.SlugOf(form, ModelState);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(form.Code), "Enter the committee's code.");
        }
        else if (await db.Committees.AnyAsync(c => c.Code == code && c.Id != committee.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Code), $"Another committee already has the code “{code}”.");
        }
        if (slug is not null && await db.Committees.AnyAsync(c => c.Slug == slug && c.Id != committee.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another committee already has the web address “{slug}”. Choose a different one.");
        }
        if (!ModelState.IsValid)
        {
            return View("DirectoryEntry", committee.Id == 0 ? new DirectoryEntryViewModel(Kind, null, form, null) : await EntryAsync(committee.Id, form, null, cancellationToken));
        }
        var isNew = committee.Id == 0;
        (committee.Code, committee.Slug, committee.Name, committee.Description, committee.IsActive) =
            (code, slug!, form.Name.Trim(), form.Description?.Trim() ?? "", form.IsActive);
        if (isNew) { db.Committees.Add(committee); }
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, clock.GetUtcNow().UtcDateTime, isNew ? "Committee.Created" : "Committee.Edited", "Committee", committee.Id,
            $"{committee.Code} {committee.Name} (/{committee.Slug}, {(committee.IsActive ? "active" : "retired")})");
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash(isNew ? $"{committee.Code} was added." : "Your changes were saved.");
        return RedirectToAction(nameof(Edit), new { id = committee.Id });
    }
}
