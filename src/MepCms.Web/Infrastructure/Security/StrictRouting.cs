using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// Ids in URLs mean exactly one thing. The built-in <c>int</c> route constraint accepts " 1" and "1 "
/// (it parses with surrounding white space allowed), so <c>/admin/articles/1%20/edit</c> reached
/// statement 1; and MVC reads form fields before route values, so a posted <c>id</c> field could
/// replace the id in the address. Here <c>int</c> accepts plain ASCII digits only, and route
/// values are read first.
/// </summary>
public static class StrictRouting
{
    public static IServiceCollection AddStrictRouting(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<DigitsOnlyIntConstraint>("int"));
        services.Configure<MvcOptions>(o =>
        {
            var route = o.ValueProviderFactories.OfType<RouteValueProviderFactory>().Single();
            o.ValueProviderFactories.Remove(route);
            o.ValueProviderFactories.Insert(0, route);
        });
        return services;
    }

    private sealed class DigitsOnlyIntConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 and <= 10 } text
            && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
