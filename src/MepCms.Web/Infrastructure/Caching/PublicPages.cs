using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// What the features say about their pages: which are public (and the tag their cached responses
/// carry), which query keys they read, and which path prefixes are private. Registered with
/// <see cref="CachingSetup.AddPublicPages"/>; the cache knows no feature's paths.
/// </summary>
public sealed class PublicPagesOptions
{
    /// <summary>Public pages in the order they are tried; the first that matches tags the response.</summary>
    public List<PublicPage> Pages { get; } = [];

    /// <summary>
    /// The only query keys a public page reads. Every other key is left out of the cache key, so
    /// `?cb=1…100000` cannot fill the cache; a page reading a new key must register it.
    /// </summary>
    public HashSet<string> QueryKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Paths that may carry a secret or a signed-in person's data: never cached, never compressed (BREACH).</summary>
    public List<string> PrivatePrefixes { get; } = [];
}

/// <summary>A kind of public page: which paths it answers and the tag of its cached responses.</summary>
public sealed record PublicPage(Func<PathString, bool> Matches, string Tag)
{
    /// <summary>Exactly these paths (any letter case).</summary>
    public static PublicPage Exact(string tag, params string[] paths) => new(path =>
    {
        foreach (var page in paths)
        {
            if (path.Equals(page, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }, tag);

    /// <summary>A path and everything below it.</summary>
    public static PublicPage Below(string tag, string prefix) =>
        new(path => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase), tag);
}

/// <summary>
/// Which requests belong to the public, anonymous site: the only ones that may be output-cached or
/// compressed. Everything else (back office, sign-in, embargo links, health, errors, the per-reader
/// rating endpoint) is answered fresh every time.
/// </summary>
public sealed class PublicPages(IOptions<PublicPagesOptions> options, IOptionsMonitor<CookieAuthenticationOptions> cookies, Web.SiteLanguages languages)
{
    // Arrays, read on every public request without allocating.
    private readonly PublicPage[] _pages = [.. options.Value.Pages];
    private readonly string[] _privatePrefixes = [.. options.Value.PrivatePrefixes];

    public string[] QueryKeys { get; } = [.. options.Value.QueryKeys];

    /// <summary>The tag of a cacheable public page at <paramref name="path"/> (in any language: `/nl/meps` is `/meps`), or null when it is not one.</summary>
    public string? TagOf(PathString path)
    {
        languages.Split(path, out path);
        foreach (var page in _pages)
        {
            if (page.Matches(path))
            {
                return page.Tag;
            }
        }
        return null;
    }

    public bool IsPrivate(PathString path)
    {
        languages.Split(path, out path);
        foreach (var prefix in _privatePrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Even an expired or forged auth cookie keeps a request away from the cache and the compressor.</summary>
    /// <summary>
    /// A short-lived cookie of a reader who just changed what pages show (a rating) while the cached
    /// copies catch up: their requests are answered fresh, never from the cache (decision 0288). It
    /// carries nothing of theirs; the fresh copy may be stored for everyone.
    /// </summary>
    public const string FreshPageCookie = "mepcms_fresh";

    public static bool WantsFreshPage(HttpRequest request) => request.Cookies.ContainsKey(FreshPageCookie);

    public bool HasAuthCookie(HttpRequest request) =>
        AuthCookieName is { } name && request.Cookies.ContainsKey(name);

    // Read once: the sign-in cookie's name is fixed at startup, and the named-options lookup showed in the cached-page profile.
    private string? AuthCookieName => _authCookieName ??= cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name;
    private string? _authCookieName;
}
