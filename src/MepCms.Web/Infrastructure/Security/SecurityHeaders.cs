using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// Puts the security headers on every response (pages, error pages, static files, redirects) and
/// answers 405 to methods the site never uses (TRACE, CONNECT, WebDAV verbs) before anything else runs.
/// Responses under /admin and /account are marked <c>Cache-Control: no-store</c> and isolated from
/// other windows with <c>Cross-Origin-Opener-Policy: same-origin</c> (docs/decisions/0070).
/// A feature that needs a stricter value (a preview page's <c>Referrer-Policy: no-referrer</c>) sets
/// its own header; these are only added when the response does not carry one already.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>No inline script or style anywhere: every script and stylesheet is a file of the site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), browsing-topics=()";

    private static readonly HashSet<string> AllowedMethods = new(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch,
        HttpMethods.Delete, HttpMethods.Options,
    };

    public Task InvokeAsync(HttpContext context)
    {
        // Decided on the path as requested: an error page re-executes under /error/{code}.
        var isPrivate = IsPrivate(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            AddHeaders(context.Response.Headers);
            if (isPrivate)
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }
            return Task.CompletedTask;
        });

        if (!AllowedMethods.Contains(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD, POST";
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>The back office and the account pages: never kept by a browser, proxy or the output cache.</summary>
    public static bool IsPrivate(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);

    private static void AddHeaders(IHeaderDictionary headers)
    {
        headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
        headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
        headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.TryAdd("Permissions-Policy", PermissionsPolicy);
        headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
        headers.Remove(HeaderNames.Server);
        headers.Remove(HeaderNames.XPoweredBy);
    }
}
