using System.Text;
using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.PressLists;

/// <summary>
/// Journalists from a CSV file: a preview first (new, changed field by field, unchanged, and each
/// row's error), then Apply adds and updates the valid rows in one transaction. An import never
/// removes anyone, and an address that opted out stays opted out.
/// </summary>
[Route("admin/press-lists/{id:int:min(1)}/import")]
[Authorize(Policy = Policies.CanPublish)]
public sealed class PressImportController(MepCmsDbContext db, TimeProvider clock) : AdminController
{
    [HttpPost(""), RequestSizeLimit(ContactCsv.MaxBytes + 64 * 1024), RequestFormLimits(MultipartBodyLengthLimit = ContactCsv.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Preview(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        string? text = null, problem = null;
        if (file is null || file.Length == 0)
        {
            problem = "Choose a CSV file to import.";
        }
        else if (file.Length > ContactCsv.MaxBytes)
        {
            problem = $"The file is larger than {ContactCsv.MaxBytes / 1024 / 1024} MB: split it in several files.";
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                problem = "The file is not UTF-8 text. Save it from the spreadsheet as \"CSV UTF-8\" and try again.";
            }
        }
        var model = problem is null ? await PreviewAsync(id, list.Name, text!, cancellationToken) : new ImportPreviewViewModel(id, list.Name, "", [], problem);
        if (model.FileError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return View(model);
    }

    [HttpPost("apply"), RequestSizeLimit(4 * ContactCsv.MaxBytes), RequestFormLimits(ValueLengthLimit = 2 * ContactCsv.MaxBytes)]
    public async Task<IActionResult> Apply(int id, [FromForm] string? csv, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        var preview = await PreviewAsync(id, list.Name, csv ?? "", cancellationToken);
        if (preview.FileError is not null || csv!.Length > ContactCsv.MaxBytes)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Preview", preview with { FileError = preview.FileError ?? "The file is too large." });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.PressContacts.Where(c => c.PressListId == id).ToDictionaryAsync(c => c.EmailKey, cancellationToken);
        foreach (var line in preview.Lines)
        {
            var row = line.Row;
            if (line.Outcome == ImportOutcome.New)
            {
                db.PressContacts.Add(new PressContact
                {
                    PressListId = id, Name = row.Name, Outlet = row.Outlet, Email = row.Email, EmailKey = row.EmailKey,
                    Languages = row.Languages, Notes = row.Notes, CreatedAt = now,
                });
            }
            else if (line.Outcome == ImportOutcome.Changed)
            {
                var contact = existing[row.EmailKey];
                (contact.Name, contact.Outlet, contact.Email, contact.Languages, contact.Notes, contact.UpdatedAt) = (row.Name, row.Outlet, row.Email, row.Languages, row.Notes, now);
            }
        }
        var (added, changed, skipped) = (preview.Count(ImportOutcome.New), preview.Count(ImportOutcome.Changed), preview.Count(ImportOutcome.Error));
        db.Record(User, now, AuditActions.PressListContactsChanged, "PressList", id, $"CSV import: {added} added, {changed} changed, {skipped} row(s) with errors skipped");
        await db.SaveChangesAsync(cancellationToken); // one transaction: all of it or nothing
        Flash($"Imported: {added} added, {changed} changed" + (skipped > 0 ? $", {skipped} row(s) with errors skipped." : "."));
        return Redirect($"/admin/press-lists/{id}");
    }

    private async Task<ImportPreviewViewModel> PreviewAsync(int id, string name, string text, CancellationToken cancellationToken)
    {
        var (rows, fileError) = ContactCsv.Read(text);
        if (fileError is not null)
        {
            return new ImportPreviewViewModel(id, name, "", [], fileError);
        }
        var existing = await db.PressContacts.AsNoTracking().Where(c => c.PressListId == id).ToDictionaryAsync(c => c.EmailKey, cancellationToken);
        var keys = rows.Select(r => r.EmailKey).ToList();
        var optedOut = (await db.PressOptOuts.Where(o => keys.Contains(o.EmailKey)).Select(o => o.EmailKey).ToListAsync(cancellationToken)).ToHashSet();
        var lines = rows.Select(row =>
        {
            if (row.Error is not null)
            {
                return new ImportLine(row, ImportOutcome.Error, row.Error, false);
            }
            if (!existing.TryGetValue(row.EmailKey, out var contact))
            {
                return new ImportLine(row, ImportOutcome.New, "", optedOut.Contains(row.EmailKey));
            }
            var changes = new[]
            {
                ("name", contact.Name, row.Name), ("outlet", contact.Outlet, row.Outlet), ("e-mail", contact.Email, row.Email),
                ("languages", contact.Languages, row.Languages), ("notes", contact.Notes, row.Notes),
            }.Where(c => c.Item2 != c.Item3).Select(c => $"{c.Item1}: “{c.Item2}” → “{c.Item3}”").ToList();
            return new ImportLine(row, changes.Count == 0 ? ImportOutcome.Unchanged : ImportOutcome.Changed, string.Join("; ", changes), optedOut.Contains(row.EmailKey));
        }).ToList();
        return new ImportPreviewViewModel(id, name, text, lines, null);
    }
}
