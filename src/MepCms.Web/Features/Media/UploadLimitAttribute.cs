using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Media;

/// <summary>
/// Guards a form that carries an image. A body larger than the upload limit (plus room for the
/// other fields) is answered with a friendly 413 page before anything reads it; without a declared
/// length the body is cut off at that size and the same page is shown. Runs before the antiforgery
/// check, which would otherwise read the body and turn the overflow into a bare 400.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the form's other fields (an MEP's biography among them).</summary>
    public const long FormAllowance = 256 * 1024;

    /// <summary>
    /// Where the "go back" link of the 413 page leads, "{id}" standing for the route's id (a number,
    /// by the route's constraint); the request's own path when empty.
    /// </summary>
    public string? ReturnPath { get; init; }

    /// <summary>The form carries a PDF document (<see cref="MediaOptions.AttachmentMaxBytes"/>), not an image.</summary>
    public bool Document { get; init; }

    /// <summary>The form carries other files with their own limit (the EP import's saved answers); 0 for an image or a document.</summary>
    public long MaxBytes { get; init; }

    /// <summary>What the 413 page calls the files when <see cref="MaxBytes"/> is set ("import files").</summary>
    public string? What { get; init; }

    public int Order => -100;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value;
        var limit = (MaxBytes > 0 ? MaxBytes : Document ? options.AttachmentMaxBytes : options.MaxUploadBytes) + FormAllowance;
        if (http.Request.ContentLength > limit)
        {
            context.Result = TooLarge(context, options, http.Request.ContentLength);
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (!http.Request.HasFormContentType)
        {
            return;
        }
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = TooLarge(context, options, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A body that is not the multipart form it claims to be (or that stopped half-way).
            context.Result = new BadRequestResult();
        }
    }

    private IActionResult TooLarge(AuthorizationFilterContext context, MediaOptions options, long? sent)
    {
        var model = new UploadTooLargeViewModel(MaxBytes > 0 ? Sizes.Text(MaxBytes) : Document ? Sizes.Text(options.AttachmentMaxBytes) : options.MaxUploadText,
            sent is { } bytes ? Sizes.Text(bytes) : null, ReturnPathOf(context)) { What = MaxBytes > 0 ? What ?? "files" : Document ? "documents" : "images" };
        if (WantsJson(context.HttpContext.Request))
        {
            return new JsonResult(new { error = model.Message }) { StatusCode = StatusCodes.Status413PayloadTooLarge };
        }
        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        return new ViewResult
        {
            ViewName = "/Features/Admin/Media/TooLarge.cshtml",
            ViewData = new ViewDataDictionary<UploadTooLargeViewModel>(metadata, new ModelStateDictionary()) { Model = model },
            StatusCode = StatusCodes.Status413PayloadTooLarge,
        };
    }

    private string ReturnPathOf(AuthorizationFilterContext context) =>
        ReturnPath is null ? context.HttpContext.Request.Path
        : context.RouteData.Values["id"] is { } id && int.TryParse(id.ToString(), out var number) ? ReturnPath.Replace("{id}", $"{number}", StringComparison.Ordinal)
        : ReturnPath;

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}

public sealed record UploadTooLargeViewModel(string Limit, string? Sent, string ReturnPath)
{
    public string What { get; init; } = "images";

    public string Message => Sent is null
        ? $"The file is too large: {What} may be at most {Limit}. Please choose a smaller file."
        : $"The upload is {Sent}, too large: {What} may be at most {Limit}. Please choose a smaller file.";
}
