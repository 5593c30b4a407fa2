using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// Sign-in attempts per client address: a fixed window of <see cref="SecurityOptions.LoginAttemptsPerMinute"/>
/// per minute, then 429 with Retry-After. Complements the per-account lockout, which a guesser
/// spreading one try over many accounts never reaches. The address is a partition key in memory only.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests; // the default is 503
            o.AddPolicy(Policy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILogger<SecurityOptions>>()
                    .RateLimited(Policy, http.Request.Method, http.Request.PathBase + http.Request.Path);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Too many sign-in attempts from your address. Please wait a minute and try again.", cancellationToken);
            };
        });
}
