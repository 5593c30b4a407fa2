using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// Knows when public pages will change by themselves (a scheduled statement going live), so a
/// cached page never outlives that moment. Registered by the feature that schedules.
/// </summary>
public interface IPublicPageLifetime
{
    /// <summary>How long a page cached now may be kept: zero or less means "do not store it".</summary>
    ValueTask<TimeSpan> TimeUntilNextChangeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The base output-cache policy: anonymous GET/HEAD requests for public pages are served from the
/// cache; only a 200 that sets no cookie is stored, tagged for precise eviction, and never beyond
/// the next scheduled change (<see cref="IPublicPageLifetime"/>). Anything else passes straight through.
/// Created by the output cache on first use (a typed policy), after the store it evicts from exists.
/// </summary>
public sealed class PublicPagesCachePolicy(PublicPages pages, IEnumerable<IPublicPageLifetime> lifetimes) : IOutputCachePolicy
{
    private readonly IPublicPageLifetime[] _lifetimes = [.. lifetimes];

    /// <summary>A safety net only: every change evicts what it affects at once.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Page numbers as the site writes them; any other spelling is answered but not stored.</summary>
    private const int MaxPageDigits = 6;

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsAnonymousPublicRead(http) || pages.TagOf(http.Request.Path) is not { } tag)
        {
            context.EnableOutputCaching = false;
            return;
        }
        context.EnableOutputCaching = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = pages.QueryKeys;
        // One copy per encoding; the header holds br, gzip or nothing by now (AcceptEncoding).
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        var canonicalQuery = HasCanonicalPage(http.Request.Query["page"]);
        context.AllowCacheLookup = canonicalQuery && !PublicPages.WantsFreshPage(http.Request);
        context.AllowCacheStorage = canonicalQuery;

        context.Tags.Add(CacheTags.Public);
        context.Tags.Add(tag);

        var lifetime = MaxLifetime;
        foreach (var limit in _lifetimes)
        {
            var untilChange = await limit.TimeUntilNextChangeAsync(cancellation);
            lifetime = untilChange < lifetime ? untilChange : lifetime;
        }
        if (lifetime <= TimeSpan.Zero)
        {
            context.AllowCacheStorage = false;
        }
        context.ResponseExpirationTimeSpan = lifetime;
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
            && http.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !pages.HasAuthCookie(request);
    }

    /// <summary>No page number, or one written the way the site's own links write it (1 to 999999).</summary>
    private static bool HasCanonicalPage(Microsoft.Extensions.Primitives.StringValues page) =>
        page.Count == 0
        || (page.Count == 1 && page[0] is { Length: > 0 and <= MaxPageDigits } value && value[0] != '0' && value.All(char.IsAsciiDigit));
}
