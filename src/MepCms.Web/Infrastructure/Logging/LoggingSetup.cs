using MepCms.Web.Infrastructure.Caching;
using Serilog;
using Serilog.Events;

namespace MepCms.Web.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>Serilog, configured entirely from the `Serilog` section of the settings.</summary>
    public static WebApplicationBuilder AddMepCmsLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(),
            // Each host keeps its own logger instead of replacing the static Log.Logger, so hosts
            // running side by side (the integration tests) never write to each other's sinks.
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One event per request: method, path (never the query string), status and time taken. A page
    /// answered from the output cache did no work of the app's and logs at Debug; server errors log
    /// at Error; everything else at Information (docs/decisions/0064). A request whose client went
    /// away before the answer (a reader closing the tab while their vote waits) is a 499 at
    /// Information, not a 500 with a stack trace at Error.
    /// </summary>
    public static IApplicationBuilder UseMepCmsRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : PublicPagesCachePolicy.WasServedFromCache(http) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            // This app's logger, not the static one, which another host in the same process may have replaced.
            o.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
        })
        .Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // Nobody is left to answer; the framework's exception handler does the same, but
                // only after the request log (inside it) had recorded a 500.
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                }
            }
        });
}
