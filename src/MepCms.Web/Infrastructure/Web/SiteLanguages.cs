using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// The site's languages: the default one (`Site:DefaultLanguage`) answers at the unprefixed routes,
/// each other official EU language at `/{code}/…` (decision 0296). Nothing depends on
/// `Accept-Language`: the address alone says the language, so every page stays cacheable.
/// </summary>
public sealed class SiteLanguages
{
    private readonly FrozenSet<string> _prefixed;
    private readonly FrozenDictionary<string, CultureInfo> _cultures;

    public SiteLanguages(IOptions<SiteOptions> options)
    {
        Default = options.Value.DefaultLanguage;
        _prefixed = EuLanguages.All.Select(l => l.Code).Where(c => c != Default).ToFrozenSet(StringComparer.Ordinal);
        _cultures = EuLanguages.All.ToFrozenDictionary(l => l.Code, l => CultureInfo.GetCultureInfo(l.Code), StringComparer.Ordinal);
    }

    /// <summary>The language of the unprefixed routes.</summary>
    public string Default { get; }

    /// <summary>One of the 23 languages that answer under a prefix (not the default one).</summary>
    public bool IsPrefixed(string? code) => code is not null && _prefixed.Contains(code);

    public CultureInfo CultureOf(string code) => _cultures.TryGetValue(code, out var culture) ? culture : _cultures[Default];

    /// <summary>The language a path is in, and the path without its prefix (`/nl/meps` → nl, `/meps`).</summary>
    public string Split(PathString path, out PathString rest)
    {
        if (path.Value is { Length: >= 3 } value && value[0] == '/' && (value.Length == 3 || value[3] == '/')
            && _prefixed.Contains(value.Substring(1, 2)))
        {
            rest = value.Length <= 4 ? new PathString("/") : new PathString(value[3..]);
            return value.Substring(1, 2);
        }
        rest = path;
        return Default;
    }

    /// <summary>A site path in a language: unchanged in the default language, `/{code}…` in another (`/` → `/nl/`).</summary>
    public string PathIn(string language, string path) =>
        !IsPrefixed(language) || !path.StartsWith('/') ? path
        : path == "/" || path[1] is '?' or '#' ? $"/{language}/{path[1..]}"
        : $"/{language}{path}";
}

/// <summary>The language of the current request, from its address.</summary>
public sealed record RequestLanguage(string Code, bool IsDefault);

public static class RequestLanguageExtensions
{
    /// <summary>The request's language; the default language for a request the middleware has not seen.</summary>
    public static RequestLanguage Language(this HttpContext context) =>
        context.Features.Get<RequestLanguage>()
        ?? new RequestLanguage(context.RequestServices.GetRequiredService<SiteLanguages>().Default, IsDefault: true);

    /// <summary>
    /// Shows the rest of the request in <paramref name="code"/>: its culture, and links kept in that
    /// language. For a page whose address does not say its language (an embargo link, a preview).
    /// </summary>
    public static void UseLanguage(this HttpContext context, string code)
    {
        var languages = context.RequestServices.GetRequiredService<SiteLanguages>();
        if (!EuLanguages.IsOfficial(code))
        {
            return;
        }
        context.Features.Set(new RequestLanguage(code, code == languages.Default));
        var culture = languages.CultureOf(code);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>
    /// The <c>lang</c> of text the media library holds (alternative texts), which the office writes in
    /// the default language: null on a page in that language, the default language's code on any other.
    /// </summary>
    public static string? LibraryTextLanguage(this HttpContext context) =>
        context.Language().IsDefault ? null : context.RequestServices.GetRequiredService<SiteLanguages>().Default;

    /// <summary>A site path in the request's language.</summary>
    public static string Localized(this HttpContext context, string path) =>
        context.Language() is { IsDefault: false } language
            ? context.RequestServices.GetRequiredService<SiteLanguages>().PathIn(language.Code, path)
            : path;
}
