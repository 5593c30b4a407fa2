using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Shared;

/// <summary>Friendly error pages in the site layout, for status codes and unhandled exceptions.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    // No action parameters: binding one would read a re-executed POST's form, and a body the
    // server has just refused as too large would turn the error page itself into a 500.
    [Route("/error/{code:int}")]
    public IActionResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var value) ? value : 500;
        var status = code is >= 400 and <= 599 ? code : 500;
        // After an exception the handler has chosen the status already (503 when the database is down).
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null && Response.StatusCode >= 500)
        {
            status = Response.StatusCode;
        }
        Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
        var model = new ErrorViewModel(status, HttpContext.TraceIdentifier);
        return View(status switch { 404 => "NotFound", 403 => "/Features/Account/Denied.cshtml", _ => "Error" }, model);
    }
}

public sealed record ErrorViewModel(int StatusCode, string RequestId) : IHasPageMeta
{
    public PageMeta Meta => StatusCode switch
    {
        404 => new PageMeta(SiteText.Get("NotFoundTitle"), SiteText.Get("NotFoundDescription"), "/") { NoIndex = true },
        403 => new PageMeta("Not allowed", "Your role does not allow this action.", "/") { NoIndex = true },
        503 => new PageMeta(SiteText.Get("UnavailableTitle"), SiteText.Get("UnavailableDescription"), "/") { NoIndex = true },
        _ => new PageMeta(SiteText.Get("ErrorTitle"), SiteText.Get("ErrorDescription"), "/") { NoIndex = true },
    };
}
