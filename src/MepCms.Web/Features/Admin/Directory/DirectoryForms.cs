using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MepCms.Web.Features.Admin.Directory;

public static class DirectoryForms
{
    /// <summary>The slug typed, or one made from the name; null (with an error) when neither gives one.</summary>
    public static string? SlugOf(DirectoryEntryForm form, ModelStateDictionary modelState)
    {
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(form.Name ?? "") : form.Slug.Trim();
        if (Slugs.IsValid(slug))
        {
            return slug;
        }
        if (modelState.IsValid)
        {
            modelState.AddModelError(nameof(form.Slug), "Enter a web address: the name gives none.");
        }
        return null;
    }
}
