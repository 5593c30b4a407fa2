using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// Finds a controller's views in the folder of its namespace: a controller in
/// `MepCms.Web.Features.Admin.Articles.Revisions` renders `Features/Admin/Articles/Revisions/{view}.cshtml`,
/// so a feature may keep sub-folders (one per back-office piece of a statement) without a view
/// location format for each. The shared folders are searched after it.
/// </summary>
internal sealed class FeatureFolderViews : IViewLocationExpander
{
    private const string Key = "feature-folder";
    private static readonly string RootNamespace = typeof(FeatureFolderViews).Assembly.GetName().Name + ".";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor { ControllerTypeInfo.Namespace: { } space }
            && space.StartsWith(RootNamespace, StringComparison.Ordinal))
        {
            context.Values[Key] = "/" + space[RootNamespace.Length..].Replace('.', '/');
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(Key, out var folder) && folder is not null
            ? viewLocations.Prepend(folder + "/{0}.cshtml")
            : viewLocations;
}
