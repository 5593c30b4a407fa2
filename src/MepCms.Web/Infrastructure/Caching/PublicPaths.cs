namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// Which requests belong to the public, anonymous site: the only ones that may be output-cached
/// or compressed. Everything else (back office, sign-in, embargo and preview links, health, errors,
/// the per-reader rating endpoint) is answered fresh every time.
/// </summary>
public static class PublicPaths
{
    /// <summary>
    /// The only query keys a public page reads. Every other key is ignored by the cache key, so
    /// `?cb=1…100000` cannot fill the cache; a page reading a new key must be listed here.
    /// </summary>
    public static readonly string[] QueryKeys = ["page", "q", "country", "group", "rated"];

    private static readonly string[] ListPrefixes = ["/meps", "/committees", "/topics"];
    private static readonly string[] ExactPages = ["/", "/search", "/feed.xml", "/sitemap.xml", "/robots.txt"];
    private static readonly string[] PrivatePrefixes = ["/admin", "/account", "/embargo", "/preview"];

    /// <summary>A public page that may be cached: home, a statement, MEPs, committees, topics, search, feeds.</summary>
    public static bool IsCacheablePage(PathString path) => IsArticlePage(path) || IsListPage(path);

    /// <summary>`/articles/{slug}`: one statement (not `/articles/{slug}/rating`).</summary>
    public static bool IsArticlePage(PathString path) =>
        path.StartsWithSegments("/articles", StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value is { Length: > 1 } slug && slug.IndexOf('/', 1) < 0;

    /// <summary>Every public page other than a statement lists statements, or links to them.</summary>
    public static bool IsListPage(PathString path) =>
        ExactPages.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase))
        || ListPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || path.Value?.EndsWith("/feed.xml", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Pages that may carry a secret or a signed-in person's data (BREACH: never compressed).</summary>
    public static bool IsPrivate(PathString path) =>
        PrivatePrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
