using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Directory;

/// <summary>
/// The back-office pages of committees and topics: list, create, edit, retire, merge. Each kind
/// says only what differs (its rows, its code, its names); the routes come from the subclass's
/// route prefix.
/// </summary>
public abstract class DirectoryController<TEntry>(MepCmsDbContext db, IPublicCache cache, TimeProvider clock, SiteLanguages languages) : AdminController
    where TEntry : class, IDirectoryEntry, IHasLocalizedNames, new()
{
    protected abstract DirectoryKind Kind { get; }
    protected abstract (string Created, string Edited, string Retired) AuditNames { get; }
    protected MepCmsDbContext Db => db;
    protected DbSet<TEntry> Entries => db.Set<TEntry>();

    /// <summary>The list's rows, in the list's order.</summary>
    protected abstract IQueryable<DirectoryRow> Rows();
    /// <summary>The name an entry goes by in messages and merge choices ("AFET Foreign Affairs", "Climate").</summary>
    protected abstract string Label(TEntry entry);
    protected abstract Task<MergeOutcome> MergeAsync(int sourceId, int targetId, CancellationToken cancellationToken);
    /// <summary>What the kind adds to the form (a committee's code), validated; false with a model error when refused.</summary>
    protected virtual Task<bool> ApplyOwnAsync(TEntry entry, DirectoryEntryForm form, CancellationToken cancellationToken) => Task.FromResult(true);
    protected virtual void FillOwn(TEntry entry, DirectoryEntryForm form)
    {
    }

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("DirectoryList", new DirectoryListViewModel(Kind, await Rows().ToListAsync(cancellationToken), TempData.TakeFlash()));

    [HttpGet("new")]
    public IActionResult New() => View("DirectoryEntry", new DirectoryEntryViewModel(Kind, null, new DirectoryEntryForm(), null) { DefaultLanguage = languages.Default });

    [HttpPost("new")]
    public Task<IActionResult> Create(DirectoryEntryForm form, CancellationToken cancellationToken) => SaveAsync(new TEntry(), form, cancellationToken);

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var entry = await Entries.AsNoTracking().Include(IHasLocalizedNames.Navigation).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        var form = new DirectoryEntryForm
        {
            Name = entry.Name, Slug = entry.Slug, Description = entry.Description, IsActive = entry.IsActive,
            Names = entry.NamesByLanguage.ToDictionary(n => n.Key, n => (string?)n.Value),
        };
        FillOwn(entry, form);
        return View("DirectoryEntry", await EntryAsync(id, form, TempData.TakeFlash(), cancellationToken));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Update(int id, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var entry = await Entries.Include(IHasLocalizedNames.Navigation).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entry is null ? NotFound() : await SaveAsync(entry, form, cancellationToken);
    }

    /// <summary>A retired entry leaves the directory and the editor; its page and its statements' tags stay.</summary>
    [HttpPost("{id:int:min(1)}/retire")]
    public async Task<IActionResult> Retire(int id, CancellationToken cancellationToken)
    {
        var entry = await Entries.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }
        entry.IsActive = false;
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditNames.Retired, typeof(TEntry).Name, entry.Id, ShortLabel(entry));
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash($"{ShortLabel(entry)} was retired.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Its statements go to the chosen entry; its pages then answer 301 to that one.</summary>
    [HttpPost("{id:int:min(1)}/merge")]
    public async Task<IActionResult> Merge(int id, MergeForm form, CancellationToken cancellationToken)
    {
        var outcome = await MergeAsync(id, form.TargetId ?? 0, cancellationToken);
        if (outcome.IsMissing)
        {
            return NotFound();
        }
        if (outcome.Refusal is { } refusal)
        {
            ModelState.AddModelError(nameof(form.TargetId), refusal);
            var page = await Edit(id, cancellationToken);
            if (page is ViewResult entryForm)
            {
                entryForm.StatusCode = StatusCodes.Status409Conflict;
            }
            return page;
        }
        Flash("The merge is done: the statements now carry this entry.");
        return RedirectToAction(nameof(Edit), new { id = form.TargetId });
    }

    /// <summary>How a flash message or the audit names one entry: a committee by its code, a topic by its name.</summary>
    protected virtual string ShortLabel(TEntry entry) => entry.Name;

    private async Task<DirectoryEntryViewModel> EntryAsync(int id, DirectoryEntryForm form, string? flash, CancellationToken cancellationToken)
    {
        var others = await Entries.AsNoTracking().Where(e => e.IsActive && e.MergedIntoId == null && e.Id != id).ToListAsync(cancellationToken);
        var mergedInto = await Entries.AsNoTracking().Where(x => Entries.Any(e => e.Id == id && e.MergedIntoId == x.Id)).FirstOrDefaultAsync(cancellationToken);
        return new DirectoryEntryViewModel(Kind, id, form, flash,
            [.. others.Select(e => new MergeTarget(e.Id, Label(e))).OrderBy(t => t.Name, StringComparer.Ordinal)],
            mergedInto is null ? null : new MergeTarget(mergedInto.Id, Label(mergedInto))) { DefaultLanguage = languages.Default };
    }

    private async Task<IActionResult> SaveAsync(TEntry entry, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var slug = DirectoryForms.SlugOf(form, ModelState);
        var names = DirectoryForms.NamesOf(form, languages.Default, ModelState);
        var ownValid = await ApplyOwnAsync(entry, form, cancellationToken);
        if (slug is not null && await Entries.AnyAsync(e => e.Slug == slug && e.Id != entry.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another {Kind.Singular} already has the web address “{slug}”. Choose a different one.");
        }
        if (!ModelState.IsValid || !ownValid)
        {
            return View("DirectoryEntry", entry.Id == 0 ? new DirectoryEntryViewModel(Kind, null, form, null) { DefaultLanguage = languages.Default } : await EntryAsync(entry.Id, form, null, cancellationToken));
        }
        var isNew = entry.Id == 0;
        (entry.Slug, entry.Name, entry.Description, entry.IsActive) = (slug!, form.Name.Trim(), form.Description?.Trim() ?? "", form.IsActive);
        entry.ReplaceNames(names);
        if (isNew) { Entries.Add(entry); }
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, clock.GetUtcNow().UtcDateTime, isNew ? AuditNames.Created : AuditNames.Edited, typeof(TEntry).Name, entry.Id,
            $"{Label(entry)} (/{entry.Slug}, {(entry.IsActive ? "active" : "retired")}" + (names.Count > 0 ? $", named in {string.Join(" ", names.Keys.Order(StringComparer.Ordinal))})" : ")"));
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        Flash(isNew ? $"{ShortLabel(entry)} was added." : "Your changes were saved.");
        return RedirectToAction(nameof(Edit), new { id = entry.Id });
    }
}
