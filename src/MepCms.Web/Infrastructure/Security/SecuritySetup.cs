using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Infrastructure.Security;

public static class SecuritySetup
{
    /// <summary>
    /// Transport limits, session cookies and security event logging. Register after
    /// Identity: its cookie options are refined here.
    /// </summary>
    public static WebApplicationBuilder AddMepCmsSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((context, o) =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestLineSize = 8 * 1024;        // longer → 414
            o.Limits.MaxRequestHeaderCount = 64;           // more → 431
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024; // larger → 431
            // Slow clients and idle connections: Kestrel:Limits (appsettings.json; README "Settings").
            // A body slower than 240 bytes a second after 5 seconds is cut off (Kestrel's own default).
            context.Configuration.GetSection("Kestrel:Limits").Bind(o.Limits);
        });
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddMepCmsSessionCookies();
        services.AddLoginRateLimit();
        services.AddStrictRouting();
        services.Configure<MvcOptions>(o => o.Filters.Add<AntiforgeryRejectionLogger>());
        // The host puts host filtering (AllowedHosts) ahead of the whole app through a startup filter,
        // so its 400 carried none of the security headers. It runs in UseMepCmsSecurity instead.
        foreach (var hostFiltering in services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
        {
            services.Remove(hostFiltering);
        }
        return builder;
    }

    /// <summary>
    /// Early in the pipeline, so that error pages, static files, redirects and the 400 of host
    /// filtering (`AllowedHosts`, checked right after, behind the forwarded headers) all carry the headers.
    /// </summary>
    public static WebApplication UseMepCmsSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseHostFiltering();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // HTTPS requests only; never for localhost
        }
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
            {
                context.RequestServices.GetRequiredService<ILogger<SecurityHeadersMiddleware>>()
                    .AccessDenied(context.Request.Method, context.Request.PathBase + context.Request.Path, context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            }
        });
        return app;
    }
}
