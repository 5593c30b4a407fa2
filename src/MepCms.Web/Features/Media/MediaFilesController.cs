using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Serves stored images and their renditions (drawn on first request, decision 0280). A name is never reused (a new upload gets a new one), so a response may be
/// kept for a year; the security headers (nosniff among them) come from the app's middleware.
/// </summary>
public sealed class MediaFilesController(MediaFiles files, MediaRenditions renditions) : Controller
{
    [HttpGet("/media/{name}")]
    public async Task<IActionResult> Show(string name, CancellationToken cancellationToken)
    {
        if ((files.Find(name) ?? await renditions.FindAsync(name, cancellationToken)) is not var (path, format))
        {
            return NotFound();
        }
        Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return PhysicalFile(path, format.ContentType, enableRangeProcessing: false);
    }
}
