using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Serilog.Context;

namespace MepCms.Web.Infrastructure.Logging;

/// <summary>
/// One id per request, in every log event (property CorrelationId), in the X-Correlation-ID
/// response header and as the request id shown on error pages. A caller's id is kept only when it
/// is a short safe token; anything else is replaced, so nothing a client sends reaches the logs raw.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-ID";
    public const string Property = "CorrelationId";

    public static bool IsSafe(string? value) => value is { Length: > 0 and <= 64 } && SafeToken().IsMatch(value);

    /// <summary>Before request logging and error handling, so both carry the id.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app)
    {
        var ids = new CorrelationIds();
        return app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[Header];
            var id = incoming.Count == 1 && IsSafe(incoming[0]) ? incoming[0]! : ids.Next();
            context.TraceIdentifier = id;
            // OnStarting: the exception handler clears the headers before it writes the error page.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (LogContext.PushProperty(Property, id))
            {
                await next(context);
            }
        });
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeToken();
}

/// <summary>
/// New request ids: 64 random bits drawn once, then a counter, as 32 lower-case hex digits. Unique
/// among the instances' logs without drawing random bytes from the OS per request (Guid.NewGuid was
/// ~4 % of a cached page's CPU).
/// </summary>
public sealed class CorrelationIds
{
    private readonly string _prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private long _count;

    public string Next() => string.Create(32, (_prefix, Interlocked.Increment(ref _count)), static (span, state) =>
    {
        state._prefix.CopyTo(span);
        state.Item2.TryFormat(span[16..], out _, "x16", CultureInfo.InvariantCulture);
    });
}
