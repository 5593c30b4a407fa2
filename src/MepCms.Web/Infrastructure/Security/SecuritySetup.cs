using MepCms.Web.Features.Account;
using MepCms.Web.Infrastructure.Security.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MepCms.Web.Infrastructure.Security;

public static class SecuritySetup
{
    /// <summary>
    /// Transport limits, session cookies, password rules and security event logging. Register after
    /// Identity: its cookie options are refined here.
    /// </summary>
    public static WebApplicationBuilder AddMepCmsSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestLineSize = 8 * 1024;        // longer → 414
            o.Limits.MaxRequestHeaderCount = 64;           // more → 431
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024; // larger → 431
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
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, PasswordLengthCapValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, CommonPasswordValidator>());
        services.Configure<MvcOptions>(o => o.Filters.Add<AntiforgeryRejectionLogger>());
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so that error pages, static files and redirects all carry the headers.
    /// Host filtering (`AllowedHosts`) runs before it, as the host adds it ahead of the app.
    /// </summary>
    public static WebApplication UseMepCmsSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
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
