using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Admin.Media;

/// <summary>
/// The media library: every member of staff may upload images for their statements; deleting one
/// (which may break a page) is for editors and admins.
/// </summary>
[Route("admin/media")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class MediaController(MepCmsDbContext db, MediaLibrary library, IOptions<MediaOptions> options) : AdminController
{
    private const int PageSize = 24;

    [HttpGet]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken)
    {
        var model = await LibraryAsync(Paging.Normalise(page), new MediaUploadForm(), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>The picker of the statement editor: the newest images, as JSON.</summary>
    [HttpGet("picker")]
    public async Task<IActionResult> Picker(CancellationToken cancellationToken)
    {
        var items = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(60)
            .Select(m => new { m.FileName, m.AltText, m.Width, m.Height }).ToListAsync(cancellationToken);
        return Json(items.Select(m => Choice(m.FileName, m.AltText, m.Width, m.Height)));
    }

    [HttpPost("upload")]
    [UploadLimit(ReturnPath = "/admin/media")]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken cancellationToken)
    {
        var json = UploadLimitAttribute.WantsJson(Request);
        if (ModelState.IsValid)
        {
            var upload = await library.AddAsync(form.File, MediaKind.Image, form.AltText, User, cancellationToken, form.Credit, form.Licence);
            if (upload.Item is { } item)
            {
                if (json)
                {
                    return Json(Choice(item.FileName, item.AltText, item.Width, item.Height));
                }
                Flash($"The image was added ({item.Width} × {item.Height} pixels).");
                return RedirectToAction(nameof(Index));
            }
            ModelState.AddModelError(nameof(form.File), upload.Error!);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (json)
        {
            return Json(new { error = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)) });
        }
        return View(nameof(Index), await LibraryAsync(1, form, cancellationToken));
    }

    /// <summary>
    /// Changes an image's alternative text, credit and licence (its uploader, editors and admins); the
    /// statements and MEP profiles that show it are rendered again and every cached page evicted.
    /// </summary>
    [HttpPost("{id:int:min(1)}/details")]
    public async Task<IActionResult> Details(int id, MediaDetailsForm form, [FromServices] MediaCredits credits, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        if (!User.MayPublish() && item.UploadedById != User.Id())
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            Flash("The image was not changed: " + string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
            return RedirectToAction(nameof(Index));
        }
        await library.UpdateDetailsAsync(item, form.AltText!, form.Credit, form.Licence, User, cancellationToken);
        var shown = await credits.RenderAgainAsync(item.FileName, cancellationToken);
        Flash(shown == 0 ? "The image's details were saved." : $"The image's details were saved; {shown} page(s) that show it were updated.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Removes an image and its file, unless an MEP profile or a statement still shows it.</summary>
    [HttpPost("{id:int:min(1)}/delete")]
    [Authorize(Policy = Policies.CanManageDirectory)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        var url = item.Url;
        var mep = await db.Authors.Where(a => a.PhotoPath == url || a.BioMarkdown.Contains(item.FileName)).Select(a => a.FullName).FirstOrDefaultAsync(cancellationToken);
        var statements = await db.Articles.CountAsync(a => a.BodyMarkdown.Contains(item.FileName) || a.LeadImageId == item.Id, cancellationToken);
        if (mep is not null || statements > 0)
        {
            Flash(mep is not null
                ? $"The image was not deleted: the profile of {mep} shows it. Replace or remove it on the MEP's page first."
                : $"The image was not deleted: {statements} statement(s) show it, in their text or as their lead image. Remove it from them first.");
            return RedirectToAction(nameof(Index));
        }
        await library.DeleteAsync(item, User, cancellationToken);
        Flash("The image was deleted.");
        return RedirectToAction(nameof(Index));
    }

    private static MediaChoice Choice(string fileName, string altText, int width, int height) =>
        new(MediaFiles.UrlOf(fileName), altText, width, height, MediaMarkdown.Image(altText, MediaFiles.UrlOf(fileName)));

    private async Task<MediaLibraryViewModel?> LibraryAsync(int page, MediaUploadForm form, CancellationToken cancellationToken)
    {
        var items = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Select(m => new MediaRow(m.Id, m.FileName, m.Kind, m.Width, m.Height, m.Bytes, m.AltText, m.UploadedByName, m.UploadedAt)
            {
                Credit = m.Credit, Licence = m.Licence, UploadedById = m.UploadedById,
            })
            .ToPageAsync(page, PageSize, cancellationToken);
        return items is null ? null : new MediaLibraryViewModel(items, form, options.Value.MaxUploadBytes, options.Value.MaxUploadText,
            User.MayPublish(), TempData.TakeFlash()) { UserId = User.Id() };
    }
}
