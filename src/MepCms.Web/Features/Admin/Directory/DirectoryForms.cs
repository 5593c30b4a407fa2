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

    /// <summary>The names given in other languages, trimmed; an unknown language or a name too long is refused with a message.</summary>
    public static Dictionary<string, string> NamesOf(DirectoryEntryForm form, string defaultLanguage, ModelStateDictionary modelState)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, value) in form.Names)
        {
            if (language == defaultLanguage || !EuLanguages.IsOfficial(language))
            {
                modelState.AddModelError(nameof(form.Names), "A name was given in a language the site does not offer.");
                continue;
            }
            var name = value?.Trim() ?? "";
            if (name.Length > Limits.Name)
            {
                modelState.AddModelError($"{nameof(form.Names)}[{language}]", $"The name in {EuLanguages.NameOf(language)} is longer than {Limits.Name} characters.");
            }
            else if (name.Length > 0)
            {
                names[language] = name;
            }
        }
        return names;
    }
}
