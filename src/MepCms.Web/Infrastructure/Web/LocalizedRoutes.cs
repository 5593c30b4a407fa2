using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// A public page that exists in every language: besides its own route it answers under
/// `/{lang}/…` for each language but the default one (`/meps` and `/nl/meps`).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class LocalizedAttribute : Attribute;

/// <summary>Adds the `/{lang}/` route beside every attribute route of a <see cref="LocalizedAttribute"/> action.</summary>
internal sealed class LocalizedRoutes : IActionModelConvention
{
    public const string RouteKey = "lang";

    public void Apply(ActionModel action)
    {
        if (!action.Attributes.OfType<LocalizedAttribute>().Any() && !action.Controller.Attributes.OfType<LocalizedAttribute>().Any())
        {
            return;
        }
        foreach (var selector in action.Selectors.Where(s => s.AttributeRouteModel is not null).ToList())
        {
            var template = selector.AttributeRouteModel!.Template!.TrimStart('/');
            action.Selectors.Add(new SelectorModel(selector)
            {
                AttributeRouteModel = new AttributeRouteModel(selector.AttributeRouteModel)
                {
                    Template = $"/{{{RouteKey}:{SiteLanguageConstraint.Name}}}" + (template.Length == 0 ? "/" : "/" + template),
                    Name = null,
                },
            });
        }
    }
}

/// <summary>A route value that is one of the site's prefixed languages (not the default one, not any two letters).</summary>
internal sealed class SiteLanguageConstraint(SiteLanguages languages) : IRouteConstraint
{
    public const string Name = "sitelang";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && languages.IsPrefixed(Convert.ToString(value, CultureInfo.InvariantCulture));
}
