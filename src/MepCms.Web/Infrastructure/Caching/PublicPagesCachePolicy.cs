using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// The base output-cache policy: anonymous GET/HEAD requests for public pages are served from the
/// cache; only a 200 that sets no cookie is stored, tagged for precise eviction, and never beyond
/// the next scheduled go-live. Anything else passes straight through.
/// </summary>
public sealed class PublicPagesCachePolicy(IOptionsMonitor<CookieAuthenticationOptions> cookies) : IOutputCachePolicy
{
    /// <summary>A safety net only: every change evicts what it affects at once.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Page numbers as the site writes them; any other spelling is answered but not stored.</summary>
    private const int MaxPageDigits = 6;

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsAnonymousPublicRead(http))
        {
            context.EnableOutputCaching = false;
            return;
        }
        context.EnableOutputCaching = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = PublicPaths.QueryKeys;
        // One copy per encoding; the header holds br, gzip or nothing by now (AcceptEncoding).
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        var canonicalQuery = HasCanonicalPage(http.Request.Query["page"]);
        context.AllowCacheLookup = canonicalQuery;
        context.AllowCacheStorage = canonicalQuery;

        context.Tags.Add(CacheTags.Public);
        context.Tags.Add(PublicPaths.IsArticlePage(http.Request.Path) ? CacheTags.ArticlePages : CacheTags.Lists);

        // Resolved per request: the schedule needs the cache store, which needs these options.
        var schedule = http.RequestServices.GetRequiredService<GoLiveSchedule>();
        var untilGoLive = await schedule.TimeUntilNextGoLiveAsync(cancellation);
        if (untilGoLive <= TimeSpan.Zero)
        {
            context.AllowCacheStorage = false;
        }
        context.ResponseExpirationTimeSpan = untilGoLive < MaxLifetime ? untilGoLive : MaxLifetime;
    }

    /// <summary>Marks the request as answered from the cache, for the request log's level (docs/decisions/0064).</summary>
    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[ServedFromCache] = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>The <see cref="HttpContext.Items"/> key present on a request answered from the cache.</summary>
    public static readonly object ServedFromCache = new();

    public static bool WasServedFromCache(HttpContext http) => http.Items.ContainsKey(ServedFromCache);

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    private bool IsAnonymousPublicRead(HttpContext http)
    {
        var request = http.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && PublicPaths.IsCacheablePage(request.Path)
            && http.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !HasAuthCookie(request);
    }

    /// <summary>Even an expired or forged auth cookie keeps a request away from the cache.</summary>
    public bool HasAuthCookie(HttpRequest request) =>
        AuthCookieName is { } name && request.Cookies.ContainsKey(name);

    // Read once: the sign-in cookie's name is fixed at startup, and the named-options lookup showed in the cached-page profile.
    private string? AuthCookieName => _authCookieName ??= cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name;
    private string? _authCookieName;

    /// <summary>No page number, or one written the way the site's own links write it (1 to 999999).</summary>
    private static bool HasCanonicalPage(Microsoft.Extensions.Primitives.StringValues page) =>
        page.Count == 0
        || (page.Count == 1 && page[0] is { Length: > 0 and <= MaxPageDigits } value && value[0] != '0' && value.All(char.IsAsciiDigit));
}
