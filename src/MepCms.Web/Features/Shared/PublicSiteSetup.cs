using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;

namespace MepCms.Web.Features.Shared;

public static class PublicSiteSetup
{
    /// <summary>
    /// The public site's pages, as the output cache must know them: a statement's page is tagged
    /// with its id and as an article page; every other public page lists statements or links to
    /// them. Only the query keys listed here are read by a public page.
    /// </summary>
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteUrls>();
        services.AddOptions<Feeds.SitemapOptions>().BindConfiguration(Feeds.SitemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Articles.ShareCards.ShareCardCache>();
        services.AddPublicPages(o =>
        {
            o.Pages.Add(new PublicPage(IsArticlePage, ArticleCacheTags.ArticlePages));
            o.Pages.Add(PublicPage.Exact(ArticleCacheTags.Lists, "/", "/search", "/feed.xml", "/sitemap.xml", "/robots.txt"));
            o.Pages.Add(PublicPage.Below(ArticleCacheTags.Lists, "/meps"));
            o.Pages.Add(PublicPage.Below(ArticleCacheTags.Lists, "/committees"));
            o.Pages.Add(PublicPage.Below(ArticleCacheTags.Lists, "/topics"));
            o.Pages.Add(PublicPage.Below(ArticleCacheTags.Lists, "/sitemaps"));
            o.QueryKeys.UnionWith(["page", "q", "country", "group", RatingWidgetViewModel.RatedQueryKey]);
        });
        services.Configure<MvcOptions>(o => o.Filters.Add(new ArticleCacheTagFilter()));
        return services;
    }

    /// <summary>`/articles/{slug}`: one statement (not `/articles/{slug}/rating`).</summary>
    public static bool IsArticlePage(PathString path) =>
        path.StartsWithSegments("/articles", StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value is { Length: > 1 } slug && slug.IndexOf('/', 1) < 0;
}
