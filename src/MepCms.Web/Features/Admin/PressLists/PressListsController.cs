using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.PressLists;

/// <summary>
/// Editors and Admins keep the press lists: the lists, their journalists (entered by staff: no
/// double opt-in, every message carries an unsubscribe) and a CSV export. Every change is audited.
/// </summary>
[Route("admin/press-lists")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class PressListsController(MepCmsDbContext db, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new PressListsViewModel(await SummariesAsync(cancellationToken), new PressListForm(), TempData.TakeFlash()));

    [HttpPost("")]
    public async Task<IActionResult> Create(PressListForm form, CancellationToken cancellationToken)
    {
        if (await ProblemAsync(form, null, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(form.Name), problem);
            return View("Index", new PressListsViewModel(await SummariesAsync(cancellationToken), form, null));
        }
        var list = new PressList { Name = form.Name!.Trim(), Description = (form.Description ?? "").Trim(), CreatedAt = Now };
        db.PressLists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(User, Now, AuditActions.PressListCreated, "PressList", list.Id, $"Press list \"{list.Name}\" created");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"The list \"{list.Name}\" was created. Add journalists below, one by one or from a CSV file.");
        return Redirect($"/admin/press-lists/{list.Id}");
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await ViewOfAsync(id, null, new ContactForm(), TempData.TakeFlash(), cancellationToken) is { } view ? view : NotFound();

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Update(int id, PressListForm form, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.FindAsync([id], cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        if (await ProblemAsync(form, id, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(form.Name), problem);
            return (IActionResult?)await ViewOfAsync(id, form, new ContactForm(), null, cancellationToken) ?? NotFound();
        }
        (list.Name, list.Description) = (form.Name!.Trim(), (form.Description ?? "").Trim());
        db.Record(User, Now, AuditActions.PressListEdited, "PressList", id, $"Press list \"{list.Name}\" renamed or described");
        await db.SaveChangesAsync(cancellationToken);
        Flash("Your changes were saved.");
        return Redirect($"/admin/press-lists/{id}");
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.FindAsync([id], cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        db.PressLists.Remove(list);
        db.Record(User, Now, AuditActions.PressListDeleted, "PressList", id, $"Press list \"{list.Name}\" deleted with its journalists");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"The list \"{list.Name}\" was deleted. What was sent to it stays on each statement's press page.");
        return Redirect("/admin/press-lists");
    }

    [HttpPost("{id:int:min(1)}/contacts")]
    public async Task<IActionResult> AddContact(int id, ContactForm form, CancellationToken cancellationToken)
    {
        if (!await db.PressLists.AnyAsync(l => l.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var row = form.Check();
        if (row.Error is null && await db.PressContacts.AnyAsync(c => c.PressListId == id && c.EmailKey == row.EmailKey, cancellationToken))
        {
            row = row with { Error = "This address is already on the list." };
        }
        if (row.Error is not null)
        {
            ModelState.AddModelError(nameof(form.Email), row.Error);
            return (IActionResult?)await ViewOfAsync(id, null, form, null, cancellationToken) ?? NotFound();
        }
        db.PressContacts.Add(new PressContact
        {
            PressListId = id, Name = row.Name, Outlet = row.Outlet, Email = row.Email, EmailKey = row.EmailKey,
            Languages = row.Languages, Notes = row.Notes, CreatedAt = Now,
        });
        db.Record(User, Now, AuditActions.PressListContactsChanged, "PressList", id, $"{row.Name} added");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"{row.Name} was added.");
        return Redirect($"/admin/press-lists/{id}");
    }

    [HttpGet("{id:int:min(1)}/contacts/{contactId:int:min(1)}")]
    public async Task<IActionResult> EditContact(int id, int contactId, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.AsNoTracking().Include(c => c.List).FirstOrDefaultAsync(c => c.Id == contactId && c.PressListId == id, cancellationToken);
        return contact is null ? NotFound() : View("Contact", new ContactEditViewModel(id, contact.List.Name, contactId,
            new ContactForm { Name = contact.Name, Outlet = contact.Outlet, Email = contact.Email, Languages = contact.Languages, Notes = contact.Notes },
            await db.PressOptOuts.AnyAsync(o => o.EmailKey == contact.EmailKey, cancellationToken)));
    }

    [HttpPost("{id:int:min(1)}/contacts/{contactId:int:min(1)}")]
    public async Task<IActionResult> UpdateContact(int id, int contactId, ContactForm form, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.Include(c => c.List).FirstOrDefaultAsync(c => c.Id == contactId && c.PressListId == id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }
        var row = form.Check();
        if (row.Error is null && await db.PressContacts.AnyAsync(c => c.PressListId == id && c.EmailKey == row.EmailKey && c.Id != contactId, cancellationToken))
        {
            row = row with { Error = "This address is already on the list." };
        }
        if (row.Error is not null)
        {
            ModelState.AddModelError(nameof(form.Email), row.Error);
            return View("Contact", new ContactEditViewModel(id, contact.List.Name, contactId, form, false));
        }
        (contact.Name, contact.Outlet, contact.Email, contact.EmailKey, contact.Languages, contact.Notes, contact.UpdatedAt) =
            (row.Name, row.Outlet, row.Email, row.EmailKey, row.Languages, row.Notes, Now);
        db.Record(User, Now, AuditActions.PressListContactsChanged, "PressList", id, $"{row.Name} edited");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"The changes to {row.Name} were saved.");
        return Redirect($"/admin/press-lists/{id}");
    }

    [HttpPost("{id:int:min(1)}/contacts/{contactId:int:min(1)}/delete")]
    public async Task<IActionResult> DeleteContact(int id, int contactId, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.PressListId == id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }
        db.PressContacts.Remove(contact);
        db.Record(User, Now, AuditActions.PressListContactsChanged, "PressList", id, $"{contact.Name} removed");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"{contact.Name} was removed from the list.");
        return Redirect($"/admin/press-lists/{id}");
    }

    [HttpGet("{id:int:min(1)}/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.AsNoTracking().Include(l => l.Contacts.OrderBy(c => c.Name)).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        var name = new string([.. list.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return File(ContactCsv.Write(list.Contacts), "text/csv; charset=utf-8", $"press-list-{(name.Length > 0 ? name : id.ToString())}.csv");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<string?> ProblemAsync(PressListForm form, int? id, CancellationToken cancellationToken) =>
        PressListLimits.Problem(form) ?? (await db.PressLists.AnyAsync(l => l.Name == form.Name!.Trim() && l.Id != id, cancellationToken)
            ? "Another list already has this name." : null);

    private async Task<List<PressListSummary>> SummariesAsync(CancellationToken cancellationToken) =>
        await db.PressLists.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new PressListSummary(l.Id, l.Name, l.Description, l.Contacts.Count,
                l.Contacts.Count(c => db.PressOptOuts.Any(o => o.EmailKey == c.EmailKey))))
            .ToListAsync(cancellationToken);

    private async Task<ViewResult?> ViewOfAsync(int id, PressListForm? form, ContactForm contact, string? flash, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return null;
        }
        var contacts = await db.PressContacts.AsNoTracking().Where(c => c.PressListId == id).OrderBy(c => c.Name)
            .Select(c => new ContactLine(c.Id, c.Name, c.Outlet, c.Email, c.Languages, c.Notes, db.PressOptOuts.Any(o => o.EmailKey == c.EmailKey)))
            .ToListAsync(cancellationToken);
        return View("Show", new PressListViewModel(id, form ?? new PressListForm { Name = list.Name, Description = list.Description }, contacts, contact, flash));
    }
}
