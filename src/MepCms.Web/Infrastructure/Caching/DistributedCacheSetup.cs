using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>The `Redis` section. Empty: every cache is in this instance's memory.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, so several sites can share one Redis.</summary>
    public string InstanceName { get; set; } = "mepcms:";
}

public static class DistributedCacheSetup
{
    /// <summary>
    /// With Redis configured, the output cache and <c>IDistributedCache</c> live in Redis, so an
    /// eviction on one instance holds for all; otherwise both stay in memory. Call after AddOutputCache.
    /// </summary>
    public static IServiceCollection AddMepCmsDistributedCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            services.AddDistributedMemoryCache();
            return services;
        }

        services.RemoveAll<IOutputCacheStore>();
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.Configuration = redis.Configuration;
            o.InstanceName = redis.InstanceName;
        });
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redis.Configuration;
            o.InstanceName = redis.InstanceName;
        });
        return services;
    }
}
