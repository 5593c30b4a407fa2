using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using MepCms.Web.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// Refuses (403) a request a browser sent from another site: the Origin header must be the site's
/// own (the request's scheme and host, or Site:PublicUrl), and Sec-Fetch-Site, where sent, must be
/// "same-origin". Every browser sends Origin with a POST, so a POST without one is refused too,
/// unless Sec-Fetch-Site vouches for it. This protects anonymous POSTs whose page is cached and so
/// cannot carry a per-visitor antiforgery token.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequireSameOriginAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var site = context.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var request = context.HttpContext.Request;
        if (!IsSameOrigin(request, site.PublicUrl))
        {
            string? origin = request.Headers.Origin;
            context.HttpContext.RequestServices.GetRequiredService<ILogger<RequireSameOriginAttribute>>()
                .CrossSiteRatingRefused(request.PathBase + request.Path, origin is { Length: > 200 } ? origin[..200] : origin);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
    }

    public static bool IsSameOrigin(HttpRequest request, string? publicUrl)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0 && fetchSite != "same-origin")
        {
            return false;
        }
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return fetchSite == "same-origin";
        }
        if (origin.Count > 1 || origin[0] is not { Length: > 0 } value)
        {
            return false;
        }
        var own = $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return string.Equals(value, own, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(publicUrl, UriKind.Absolute, out var configured)
                && string.Equals(value, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }
}
