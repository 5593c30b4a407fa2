using System.Globalization;
using System.Threading.RateLimiting;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.RateLimiting;

namespace MepCms.Web.Features.Alerts;

public static class AlertsSetup
{
    public const string RateLimitPolicy = "subscribe";

    /// <summary>
    /// E-mail alerts: sign-up with double opt-in, the queue written when a statement goes live, and
    /// the sender that works through it (docs/decisions/0130).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<AlertMail>();
        services.AddSingleton<IMailOutbox, AlertOutbox>();
        services.AddScoped<Subscriptions>();
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<IGoLiveParticipant>(sp => sp.GetRequiredService<AlertQueue>());
        services.AddSingleton<IPublicationListener>(sp => sp.GetRequiredService<AlertQueue>());
        // Pages that carry a subscriber's token: never cached, never compressed.
        services.AddPublicPages(o => o.PrivatePrefixes.Add("/subscribe"));
        services.AddRateLimiter(o => o.AddPolicy<string, SignUpRateLimitPolicy>(RateLimitPolicy));
        return services;
    }
}

/// <summary>The `Alerts` section.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Sign-ups per client address in 10 minutes: an office signing up its staff gets through, a script does not.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int SignUpsPerClient { get; set; } = 20;
}

/// <summary>
/// Sign-ups per client address (Alerts:SignUpsPerClient in <see cref="Window"/>), then 429 with
/// Retry-After. Each address also gets at most one message per 10 minutes whatever the source.
/// </summary>
internal sealed class SignUpRateLimitPolicy(Microsoft.Extensions.Options.IOptions<AlertOptions> options) : IRateLimiterPolicy<string>
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.SignUpsPerClient, Window = Window, QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many sign-ups from your network just now. Please try again in a few minutes.", cancellationToken);
    };
}
