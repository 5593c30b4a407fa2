using MepCms.Web.Infrastructure.Caching;

namespace MepCms.Web.Features.Articles.Publishing;

/// <summary>Evicts the cached public pages a publication change could alter.</summary>
internal sealed class PublicPageEviction(IPublicCache cache) : IPublicationListener
{
    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync(change.ArticleId is { } id
            // Its own page and every list; its title or visibility may also show among the related
            // statements of other pages. (A rating evicts only its own page and the lists.)
            ? [.. ArticleCacheTags.PagesShowing(id), ArticleCacheTags.ArticlePages]
            : [ArticleCacheTags.Lists, ArticleCacheTags.ArticlePages], cancellationToken);
}
