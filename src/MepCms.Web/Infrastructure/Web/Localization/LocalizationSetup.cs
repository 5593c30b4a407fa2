namespace MepCms.Web.Infrastructure.Web.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// The public interface in the current UI culture (decision 0295): <c>IStringLocalizer&lt;SiteText&gt;</c>
    /// over resource files beside <see cref="SiteText"/>. The culture itself comes from the route.
    /// </summary>
    public static IServiceCollection AddMepCmsLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        return services;
    }
}
