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

    /// <summary>How long an instance leaves Redis alone after it did not answer (pages come from the database meanwhile).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a cache read or write may wait for Redis before the page is built from the database instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
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
            // Redis answers in well under a millisecond on its network: a reader should not wait
            // the client's default five seconds for one that is away, nor a start fail for it.
            var options = StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            options.AbortOnConnectFail = false;
            options.AsyncTimeout = options.SyncTimeout = (int)redis.Timeout.TotalMilliseconds;
            o.ConfigurationOptions = options;
            o.InstanceName = redis.InstanceName;
        });
        // Losing Redis costs speed, never a page (decision 0284).
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new ResilientOutputCacheStore(
            store.ImplementationFactory is { } factory ? (IOutputCacheStore)factory(sp)
                : store.ImplementationInstance as IOutputCacheStore ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!),
            redis.RetryAfter, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ResilientOutputCacheStore>>()));
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redis.Configuration;
            o.InstanceName = redis.InstanceName;
        });
        return services;
    }
}
