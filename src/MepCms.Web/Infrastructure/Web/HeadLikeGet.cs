using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// Every action that answers GET answers HEAD the same way (RFC 9110: the same status and headers,
/// no body; Kestrel drops the body). `[HttpGet]` alone matches GET only, so link checkers and uptime
/// monitors, which often send HEAD, got 405 for every page.
/// </summary>
internal sealed class HeadLikeGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            for (var i = 0; i < selector.ActionConstraints.Count; i++)
            {
                if (selector.ActionConstraints[i] is HttpMethodActionConstraint methods && WithHead(methods.HttpMethods) is { } withHead)
                {
                    selector.ActionConstraints[i] = new HttpMethodActionConstraint(withHead);
                }
            }
            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
            {
                if (selector.EndpointMetadata[i] is HttpMethodMetadata methods && WithHead(methods.HttpMethods) is { } withHead)
                {
                    selector.EndpointMetadata[i] = new HttpMethodMetadata(withHead, methods.AcceptCorsPreflight);
                }
            }
        }
    }

    private static string[]? WithHead(IEnumerable<string> methods)
    {
        var list = methods.ToList();
        return list.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !list.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase)
            ? [.. list, HttpMethods.Head]
            : null;
    }
}
