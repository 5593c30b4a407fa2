namespace MepCms.Web.Infrastructure.Web;

public static class SiteLanguageSetup
{
    public static IServiceCollection AddSiteLanguages(this IServiceCollection services)
    {
        services.AddSingleton<SiteLanguages>();
        services.AddSingleton<LocalizedPaths>();
        services.Configure<RouteOptions>(o => o.ConstraintMap[SiteLanguageConstraint.Name] = typeof(SiteLanguageConstraint));
        return services;
    }

    /// <summary>
    /// Reads the language from the address, ahead of the error pages so a 404 under `/nl/` is in
    /// Dutch: the request's culture (interface text, dates, numbers) and <see cref="RequestLanguage"/>.
    /// `/{default}/…` answers 301 to the unprefixed address, so each page has one URL.
    /// </summary>
    public static IApplicationBuilder UseSiteLanguages(this IApplicationBuilder app)
    {
        var languages = app.ApplicationServices.GetRequiredService<SiteLanguages>();
        var defaultPrefix = new PathString("/" + languages.Default);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(defaultPrefix, StringComparison.Ordinal, out var rest))
            {
                if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                    context.Response.Headers.Location = (rest.HasValue ? rest.ToUriComponent() : "/") + request.QueryString.ToUriComponent();
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.UseLanguage(languages.Split(request.Path, out _));
            await next(context);
        });
    }
}
