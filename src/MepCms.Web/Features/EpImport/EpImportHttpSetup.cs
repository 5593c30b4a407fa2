using System.Net;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MepCms.Web.Features.EpImport;

public static class EpImportHttpSetup
{
    /// <summary>
    /// <see cref="EpApiClient"/> as a typed client: its settings, the pacer shared by every request of the process,
    /// and a resilience pipeline (total timeout → retries → per-attempt timeout) around each request.
    /// </summary>
    public static IServiceCollection AddEpImportHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EpImportOptions>().Bind(configuration.GetSection(EpImportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EpPacer>();
        services.TryAddTransient<EpAttemptHandler>();
        // The EP's operators can tell who calls them and reach the site that does.
        var site = configuration[$"{SiteOptions.Section}:{nameof(SiteOptions.PublicUrl)}"];
        var userAgent = string.IsNullOrWhiteSpace(site) ? "MepCms/1.0" : $"MepCms/1.0 (+{site.Trim()})";

        var http = services.AddHttpClient<EpApiClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<EpImportOptions>>().Value;
                var root = options.BaseAddress.AbsoluteUri;
                client.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts apply instead
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
                client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", EpApiClient.JsonLd);
            })
            // No redirects: a photo address on the EP's host must not lead the server to another host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            });
        http.AddResilienceHandler("ep-import", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<EpImportOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILogger<EpApiClient>>();
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalTimeout });
            if (options.Retries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time.GetUtcNow(), options.MaxRetryAfter)),
                    OnRetry = args =>
                    {
                        logger.LogWarning("The EP answered {Status} to {Path}; retry {Retry} in {Delay}",
                            args.Outcome.Result is { } r ? (int)r.StatusCode : args.Outcome.Exception?.GetType().Name,
                            args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath, args.AttemptNumber + 1, args.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                });
            }
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        });
        // Added after the pipeline, so it runs inside it: once per attempt.
        http.AddHttpMessageHandler<EpAttemptHandler>();
        return services;
    }

    /// <summary>
    /// The wait a Retry-After header asks for, in seconds or as a date, cut to <paramref name="cap"/>;
    /// null when there is none, so the exponential backoff applies.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is not { } delay) return null;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        return delay > cap ? cap : delay;
    }
}
