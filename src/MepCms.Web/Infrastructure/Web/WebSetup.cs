using MepCms.Web.Data;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Infrastructure.Web;

public static class WebSetup
{
    /// <summary>MVC with views beside their controllers, in the folder of the controller's namespace (<see cref="FeatureFolderViews"/>).</summary>
    public static IServiceCollection AddMepCmsWeb(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .Validate(o => EuLanguages.IsOfficial(o.DefaultLanguage), "Site:DefaultLanguage must be the two-letter code of an official EU language (en, fr, nl…).")
            .ValidateOnStart();
        services.AddSiteLanguages();
        services.AddSingleton(TimeProvider.System);
        services.AddControllersWithViews(o =>
        {
            o.Conventions.Add(new HeadLikeGet());
            o.Conventions.Add(new LocalizedRoutes());
        });
        services.Configure<RazorViewEngineOptions>(o =>
        {
            o.ViewLocationExpanders.Add(new FeatureFolderViews());
            o.ViewLocationFormats.Clear();
            o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
            o.AreaViewLocationFormats.Clear();
            o.AreaViewLocationFormats.Add("/Features/{2}/Shared/{0}.cshtml");
            o.AreaViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        });
        services.AddRouting(o => o.LowercaseUrls = true);
        return services;
    }

    /// <summary>
    /// Files from wwwroot. Links carry a content hash (asp-append-version), so a versioned request
    /// may be cached for a year; anything else is revalidated.
    /// </summary>
    public static IApplicationBuilder UseMepCmsStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });

    /// <summary>
    /// Friendly error pages in the site layout; production never shows a stack trace. A database
    /// that does not answer is a 503 (try again shortly), not a 500.
    /// </summary>
    public static IApplicationBuilder UseMepCmsErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = e => DatabaseFailures.IsUnavailable(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            });
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
