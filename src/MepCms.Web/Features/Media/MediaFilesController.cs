using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Serves stored images. A name is never reused (a new upload gets a new one), so a response may be
/// kept for a year; the security headers (nosniff among them) come from the app's middleware.
/// </summary>
public sealed class MediaFilesController(MediaFiles files) : Controller
{
    [HttpGet("/media/{name}")]
    public IActionResult Show(string name)
    {
        if (files.Find(name) is not var (path, format))
        {
            return NotFound();
        }
        Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return PhysicalFile(path, format.ContentType, enableRangeProcessing: false);
    }
}
