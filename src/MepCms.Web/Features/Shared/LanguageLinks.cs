using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Shared;

/// <summary>One language in the switcher: its own name, where it leads, and whether this page exists in it.</summary>
public sealed record LanguageLink(string Code, string Name, string Path, bool IsCurrent, bool HasThisPage);

/// <summary>
/// Where each language leads from the page being shown: the same page in that language when it
/// exists there (every list, directory and search page does; a statement only where it has a
/// version), otherwise that language's home page (decision 0296).
/// </summary>
public static class LanguageLinks
{
    public static IReadOnlyList<LanguageLink> For(HttpContext context, SiteLanguages languages, LocalizedPaths localized, ArticlePageViewModel? statement)
    {
        var current = context.Language().Code;
        languages.Split(context.Request.Path, out var rest);
        var samePage = statement is null && localized.Contains(rest.Value ?? "/");
        // A search keeps its words; a page number may not exist in another language.
        var query = samePage && rest.StartsWithSegments("/search") && context.Request.Query["q"] is { Count: > 0 } words
            ? QueryString.Create("q", words.ToString()).ToUriComponent()
            : "";
        IReadOnlyList<StatementVersion> versions = statement is null ? []
            : statement.Versions.Count > 0 ? statement.Versions : [new StatementVersion(statement.Language, statement.Slug)];
        var links = new List<LanguageLink>(EuLanguages.All.Count);
        foreach (var (code, name) in EuLanguages.All)
        {
            var version = versions.FirstOrDefault(v => v.Language == code);
            var path = version is not null ? languages.PathIn(code, $"/articles/{version.Slug}")
                : samePage ? languages.PathIn(code, rest.Value ?? "/") + query
                : languages.PathIn(code, "/");
            links.Add(new LanguageLink(code, name, path, code == current, statement is null ? samePage : version is not null));
        }
        return links;
    }
}
