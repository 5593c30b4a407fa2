using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MepCms.Web.Features.Ratings;

/// <summary>Readers rate a statement (with or without JavaScript) and read back their own score.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[Localized]
public sealed class RatingsController(RatingService ratings, VisitorIdentity visitors, Microsoft.Extensions.Options.IOptions<RatingOptions> options) : Controller
{
    [HttpGet("/articles/{slug}/rating")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var visitor = visitors.ReadId(Request);
        var state = Slugs.IsValid(slug)
            ? await ratings.FindAsync(slug, visitor is null ? null : visitors.Hash(visitor), cancellationToken)
            : null;
        return state is null ? NotFound() : Json(RatingViewModel.From(state));
    }

    [HttpPost("/articles/{slug}/rating")]
    [RequireSameOrigin]
    [RequestSizeLimit(RatingForm.MaxBodyBytes)]
    [EnableRateLimiting(RatingSetup.RateLimitPolicy)]
    public async Task<IActionResult> Rate(string slug, CancellationToken cancellationToken)
    {
        var (form, status) = await RatingForm.ReadAsync(Request, cancellationToken);
        if (form is null)
        {
            return StatusCode(status);
        }
        var known = visitors.ReadId(Request);
        var visitor = known ?? VisitorIdentity.NewId();
        var state = Slugs.IsValid(slug) ? await ratings.RateAsync(slug, visitors.Hash(visitor), form.Score, cancellationToken) : null;
        if (state is null)
        {
            return NotFound();
        }
        // The cookie is set by the first rating only: reading the site never sets one.
        if (known is null)
        {
            visitors.IssueCookie(Response, visitor);
        }
        // Until the cached pages catch up, this reader's pages come fresh: a reload shows the new average.
        if (options.Value.FiguresRefresh > TimeSpan.Zero)
        {
            Response.Cookies.Append(Infrastructure.Caching.PublicPages.FreshPageCookie, "1", new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, Path = "/", IsEssential = true,
                MaxAge = options.Value.FiguresRefresh + TimeSpan.FromSeconds(5),
            });
        }
        if (RatingForm.WantsJson(Request))
        {
            return Json(RatingViewModel.From(state));
        }
        Response.Headers.Location = HttpContext.Localized($"/articles/{slug}?{RatingWidgetViewModel.RatedQueryKey}=1#rating");
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
