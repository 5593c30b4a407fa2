using MepCms.Web.Data;
using MepCms.Web.Features.Admin.Directory;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Topics;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Topics;

/// <summary>The topics: create, edit, merge, retire. Slugs are unique.</summary>
[Authorize(Policy = Policies.CanManageDirectory)]
public sealed class TopicsController(MepCmsDbContext db, IPublicCache cache, TimeProvider clock, DirectoryMerge merge) : DirectoryController
{
    private static readonly DirectoryKind Kind = DirectoryKind.Topic;

    [HttpGet("/admin/topics")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var rows = await db.Topics.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
            .Select(t => new DirectoryRow(t.Id, null, t.Name, t.Slug, t.IsActive, t.MergedIntoId != null, db.Articles.Count(a => a.Topics.Any(x => x.Id == t.Id))))
            .ToListAsync(cancellationToken);
        return View("DirectoryList", new DirectoryListViewModel(Kind, rows, TempData["flash"] as string));
    }

    [HttpGet("/admin/topics/new")]
    public IActionResult New() => View("DirectoryEntry", new DirectoryEntryViewModel(Kind, null, new DirectoryEntryForm(), null));

    [HttpPost("/admin/topics/new")]
    public Task<IActionResult> Create(DirectoryEntryForm form, CancellationToken cancellationToken) => SaveAsync(new Topic(), form, cancellationToken);

    [HttpGet("/admin/topics/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await db.Topics.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new DirectoryEntryForm { Name = t.Name, Slug = t.Slug, Description = t.Description, IsActive = t.IsActive })
            .FirstOrDefaultAsync(cancellationToken);
        return form is null ? NotFound() : View("DirectoryEntry", await EntryAsync(id, form, TempData["flash"] as string, cancellationToken));
    }

    [HttpPost("/admin/topics/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Update(int id, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return topic is null ? NotFound() : await SaveAsync(topic, form, cancellationToken);
    }

    /// <summary>A retired topic is no longer offered in the editor; its page stays for the statements tagged with it.</summary>
    [HttpPost("/admin/topics/{id:int:min(1)}/retire")]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
        {
            return NotFound();
        }
        topic.IsActive = false;
        db.Record(User, clock.GetUtcNow().UtcDateTime, "Topic.Retired", "Topic", topic.Id, topic.Name);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash($"{topic.Name} was retired.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Its statements go to the chosen topic; its pages then answer 301 to that one.</summary>
    [HttpPost("/admin/topics/{id:int:min(1)}/merge")]
    public async Task<IActionResult> Merge(int id, MergeForm form, CancellationToken cancellationToken) =>
        await Merged(await merge.MergeTopicsAsync(id, form.TargetId ?? 0, User, cancellationToken), form, () => Edit(id, cancellationToken));

    private async Task<DirectoryEntryViewModel> EntryAsync(int id, DirectoryEntryForm form, string? flash, CancellationToken cancellationToken)
    {
        var targets = await db.Topics.AsNoTracking().Where(t => t.IsActive && t.MergedIntoId == null && t.Id != id).OrderBy(t => t.Name)
            .Select(t => new MergeTarget(t.Id, t.Name)).ToListAsync(cancellationToken);
        var mergedInto = await db.Topics.AsNoTracking().Where(x => db.Topics.Any(t => t.Id == id && t.MergedIntoId == x.Id))
            .Select(t => new MergeTarget(t.Id, t.Name)).FirstOrDefaultAsync(cancellationToken);
        return new DirectoryEntryViewModel(Kind, id, form, flash, targets, mergedInto);
    }

    private async Task<IActionResult> SaveAsync(Topic topic, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var slug = DirectoryForms.SlugOf(form, ModelState);
        if (slug is not null && await db.Topics.AnyAsync(t => t.Slug == slug && t.Id != topic.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another topic already has the web address “{slug}”. Choose a different one.");
        }
        if (!ModelState.IsValid)
        {
            return View("DirectoryEntry", topic.Id == 0 ? new DirectoryEntryViewModel(Kind, null, form, null) : await EntryAsync(topic.Id, form, null, cancellationToken));
        }
        var isNew = topic.Id == 0;
        (topic.Slug, topic.Name, topic.Description, topic.IsActive) = (slug!, form.Name.Trim(), form.Description?.Trim() ?? "", form.IsActive);
        if (isNew) { db.Topics.Add(topic); }
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, clock.GetUtcNow().UtcDateTime, isNew ? "Topic.Created" : "Topic.Edited", "Topic", topic.Id,
            $"{topic.Name} (/{topic.Slug}, {(topic.IsActive ? "active" : "retired")})");
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash(isNew ? $"{topic.Name} was added." : "Your changes were saved.");
        return RedirectToAction(nameof(Edit), new { id = topic.Id });
    }
}
