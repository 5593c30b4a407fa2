using System.Security.Cryptography;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.EpImport;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MepCms.Web.Features.Admin.Import;

/// <summary>
/// Import MEPs and committees from the European Parliament's open data (Admins): search the roster of
/// current MEPs or name them, or upload saved answers; a preview says what would change; Apply reads
/// again and writes it all in one transaction, or nothing when the EP's data changed since the preview.
/// </summary>
[Route("admin/import")]
[Authorize(Policy = Policies.IsAdmin)]
public sealed class ImportController(MepCmsDbContext db, EpImporter importer, IMemoryCache memory, TimeProvider clock, ILogger<ImportController> logger) : AdminController
{
    /// <summary>How long uploaded answers wait for their apply.</summary>
    private static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(1);

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        var model = new ImportIndexViewModel { Query = q?.Trim() ?? "", Flash = TempData.TakeFlash(), Online = Online() is not null };
        if (model.Query.Length == 0) return View(model);
        if (model.Query.Length > 100) return BadRequest();
        if (Online() is not { } source)
        {
            return View(model with { Problem = "The EP's open data is not configured here: import from saved files below." });
        }
        try
        {
            var roster = await memory.GetOrCreateAsync("ep-roster", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                return await source.RosterAsync(cancellationToken);
            }) ?? [];
            var key = Slugs.From(model.Query);
            var linked = await db.Authors.AsNoTracking().Where(a => a.EpId != null).Select(a => a.EpId!).ToListAsync(cancellationToken);
            var matches = roster.Where(r => key.Length > 0 && Slugs.From(r.FullName).Contains(key, StringComparison.Ordinal) || r.EpId == model.Query)
                .OrderBy(r => r.FullName, StringComparer.CurrentCulture).Take(50)
                .Select(r => new RosterMatch(r.EpId, r.FullName, linked.Contains(r.EpId))).ToList();
            return View(model with { Matches = matches });
        }
        catch (Exception e) when (e is EpUnavailableException or EpFormatException)
        {
            logger.LogWarning(e, "Searching the EP's roster failed");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View(model with { Problem = $"The EP's roster could not be read: {e.Message} Try again later, or import from saved files." });
        }
    }

    [HttpPost("preview")]
    [UploadLimit(MaxBytes = EpArchive.MaxBytes, What = "import files", ReturnPath = "/admin/import")]
    public async Task<IActionResult> Preview(ImportForm form, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        var (request, problem) = form.Request();
        var uploading = files is { Count: > 0 };
        if (problem is not null || (request is null && !uploading))
        {
            return Problem(problem ?? "Choose at least one MEP, or all current MEPs, or upload saved answers.");
        }
        string? token = null;
        IEpSource? source;
        if (uploading)
        {
            var archive = new EpArchive();
            try
            {
                foreach (var file in files!)
                {
                    await using var stream = file.OpenReadStream();
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, cancellationToken);
                    archive.Add(file.FileName, buffer.ToArray());
                }
            }
            catch (EpFormatException e)
            {
                return Problem($"The files could not be used: {e.Message} Nothing was written.");
            }
            // Uploaded answers without a choice of MEPs: every MEP they hold.
            request ??= new EpImportRequest(archive.Paths.Where(p => p.StartsWith("meps/", StringComparison.Ordinal) && p != "meps/show-current.json")
                .Select(p => p["meps/".Length..^".json".Length]).ToList(), false);
            if (request.MepIds.Count == 0 && !request.AllCurrent) return Problem("The files hold no MEP: save the answers of meps/{id} for each MEP to import.");
            token = await KeepAsync(archive, cancellationToken);
            source = archive;
        }
        else
        {
            source = Online();
            if (source is null) return Problem("The EP's open data is not configured here: import from saved files.");
        }
        return await PlanAsync(source, request!, token, null, cancellationToken);
    }

    [HttpPost("apply")]
    public async Task<IActionResult> Apply(ImportForm form, CancellationToken cancellationToken)
    {
        var (request, problem) = form.Request();
        if (problem is not null || request is null || string.IsNullOrEmpty(form.Fingerprint)) return Problem(problem ?? "Preview the import first.");
        IEpSource? source = Online();
        EpImportUpload? upload = null;
        if (form.Upload is not null)
        {
            upload = await db.EpImportUploads.FirstOrDefaultAsync(u => u.Token == form.Upload && u.UserId == User.Id(), cancellationToken);
            if (upload is null) return Problem("The uploaded files are no longer here (they are kept for a day): upload them again.");
            var archive = new EpArchive();
            archive.Add("upload.zip", upload.Content);
            source = archive;
        }
        if (source is null) return Problem("The EP's open data is not configured here: import from saved files.");
        try
        {
            var (result, plan) = await importer.ApplyAsync(source, request, EpImportActor.From(User), form.Fingerprint, cancellationToken);
            if (result is null)
            {
                return View("Preview", new ImportPreviewViewModel(plan, string.Join(",", request.MepIds), request.AllCurrent, form.Upload,
                    "The EP's data changed since your preview. Nothing was written: check the new preview and apply it again."));
            }
            if (upload is not null)
            {
                db.EpImportUploads.Remove(upload);
                await db.SaveChangesAsync(cancellationToken);
            }
            var photos = result.PhotosStored == 1 ? "1 photo" : $"{result.PhotosStored} photos";
            Flash($"Imported from {plan.Source}: {plan.Summary}; {photos} stored." + (result.PhotoWarnings.Count > 0 ? " " + string.Join(" ", result.PhotoWarnings) : ""));
            return RedirectToAction(nameof(Index));
        }
        catch (EpUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private async Task<IActionResult> PlanAsync(IEpSource source, EpImportRequest request, string? token, string? message, CancellationToken cancellationToken)
    {
        try
        {
            var plan = await importer.PrepareAsync(source, request, cancellationToken);
            return View("Preview", new ImportPreviewViewModel(plan, string.Join(",", request.MepIds), request.AllCurrent, token, message));
        }
        catch (EpUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private IActionResult Unavailable(EpUnavailableException e)
    {
        logger.LogWarning(e, "The EP import could not read its source");
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return View("Index", new ImportIndexViewModel { Online = Online() is not null, Problem = $"{e.Message} Nothing was written; try again later." });
    }

    private IActionResult Problem(string problem)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new ImportIndexViewModel { Online = Online() is not null, Problem = problem });
    }

    /// <summary>The EP's open data API, when this installation is configured to reach it.</summary>
    private IEpSource? Online() => HttpContext.RequestServices.GetService<IEpSource>();

    /// <summary>Keeps the uploaded answers for the apply, and deletes uploads older than a day.</summary>
    private async Task<string> KeepAsync(EpArchive archive, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - UploadLifetime;
        await db.EpImportUploads.Where(u => u.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var upload = new EpImportUpload { Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserId = User.Id(), CreatedAt = now, Content = archive.ToZip() };
        db.EpImportUploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return upload.Token;
    }
}
