using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// Reduces a request's Accept-Encoding to the one encoding the site will answer with: `br` when the
/// reader accepts Brotli, else `gzip` when it accepts gzip, else none (the header is removed).
/// Compressed pages are cached per encoding (docs/decisions/0062); with only three values the cache
/// holds at most three copies of a page, whatever a client writes in the header.
/// </summary>
public static class AcceptEncoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>The encoding to answer with, or null for none. Unparsable headers count as none.</summary>
    public static string? Choose(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header) || !StringWithQualityHeaderValue.TryParseList(header, out var offered))
        {
            return null;
        }
        return Accepts(offered, Brotli) ? Brotli : Accepts(offered, Gzip) ? Gzip : null;
    }

    // The coding's own entry wins over "*"; a missing q means 1, and q=0 means "not this one".
    private static bool Accepts(IList<StringWithQualityHeaderValue> offered, string coding)
    {
        StringWithQualityHeaderValue? named = null, any = null;
        foreach (var value in offered)
        {
            if (value.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                named = value;
            }
            else if (value.Value.Equals("*", StringComparison.Ordinal))
            {
                any = value;
            }
        }
        return (named ?? any) is { } chosen && (chosen.Quality ?? 1) > 0;
    }

    /// <summary>First in the pipeline's compression: every later step sees only the chosen encoding.</summary>
    public static IApplicationBuilder UseCanonicalAcceptEncoding(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(HeaderNames.AcceptEncoding))
        {
            if (Choose(headers.AcceptEncoding) is { } encoding)
            {
                headers.AcceptEncoding = encoding;
            }
            else
            {
                headers.Remove(HeaderNames.AcceptEncoding);
            }
        }
        return next(context);
    });
}
