using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Ratings;

public static class RatingSetup
{
    public const string RateLimitPolicy = "ratings";

    public static IServiceCollection AddRatings(this IServiceCollection services)
    {
        services.AddOptions<RatingOptions>().BindConfiguration(RatingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Infrastructure.Security.SharedSecrets>();
        services.AddSingleton<VisitorIdentity>();
        // The store (IRatingStore) is the database provider's: DatabaseSetup registers it.
        services.AddScoped<RatingService>();
        services.AddSingleton<RatingFigures>();
        services.AddHostedService(sp => sp.GetRequiredService<RatingFigures>());
        services.AddRateLimiter(o => o.AddPolicy<string, RatingRateLimitPolicy>(RateLimitPolicy));
        return services;
    }
}

/// <summary>
/// A token bucket per client address (Connection.RemoteIpAddress; behind a proxy that is the
/// forwarded address once trusted proxies are configured). IPv6 clients are grouped by /64, the
/// block one household or office gets. Limiter state is per process.
/// </summary>
internal sealed class RatingRateLimitPolicy(IOptions<RatingOptions> options, ILogger<RatingRateLimitPolicy> logger) : IRateLimiterPolicy<string>
{
    private static readonly EventId RateLimited = new(3001, "Rating.RateLimited");

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var limit = options.Value.RateLimit;
        return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(httpContext.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.TokenLimit,
            TokensPerPeriod = limit.TokensPerPeriod,
            ReplenishmentPeriod = limit.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.RateLimit.ReplenishmentPeriod;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        logger.LogWarning(RateLimited, "A rating was refused by the rate limiter; retry after {RetryAfterSeconds} s", response.Headers.RetryAfter.ToString());
        await response.WriteAsync("Too many ratings from your network just now. Please try again in a minute.", cancellationToken);
    };

    internal static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
