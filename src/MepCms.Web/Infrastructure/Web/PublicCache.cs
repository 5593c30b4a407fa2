using MepCms.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace MepCms.Web.Infrastructure.Web;

/// <summary>
/// Output-cache tags of the public site. A cached public response is tagged with what it shows,
/// so a change evicts exactly the responses that could show it.
/// </summary>
public static class CacheTags
{
    /// <summary>Every public response.</summary>
    public const string Public = "public";
    /// <summary>Every list of statements: home, MEP, committee, topic, search, feeds, sitemap.</summary>
    public const string Lists = "lists";
    /// <summary>Every statement's page: each shows a few related statements.</summary>
    public const string ArticlePages = "article-pages";

    public static string Article(int id) => $"article:{id}";
}

/// <summary>What changed, said by the code that changed it; the cache decides what to evict.</summary>
public interface IPublicCache
{
    /// <summary>A statement's content, status, publish time or slug changed (or it went live).</summary>
    Task ArticleChangedAsync(int articleId, CancellationToken cancellationToken = default);

    /// <summary>A reader rated a statement: its page and the lists that show its average.</summary>
    Task RatingChangedAsync(int articleId, CancellationToken cancellationToken = default);

    /// <summary>MEPs, committees or topics changed: names and links may appear on any page.</summary>
    Task DirectoryChangedAsync(CancellationToken cancellationToken = default);
}

internal sealed class OutputCachePublicCache(IOutputCacheStore store, GoLiveSchedule schedule) : IPublicCache
{
    public async Task ArticleChangedAsync(int articleId, CancellationToken cancellationToken = default)
    {
        // Its publish time may have moved: the lists' lifetime is recomputed on the next request.
        schedule.Forget();
        await EvictAsync(articleId, cancellationToken);
        // Its title or visibility may show among the related statements of other pages. A rating
        // does not evict these: related statements' averages may lag by the entry's lifetime.
        await store.EvictByTagAsync(CacheTags.ArticlePages, cancellationToken);
    }

    public Task RatingChangedAsync(int articleId, CancellationToken cancellationToken = default) =>
        EvictAsync(articleId, cancellationToken);

    private async Task EvictAsync(int articleId, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(CacheTags.Article(articleId), cancellationToken);
        await store.EvictByTagAsync(CacheTags.Lists, cancellationToken);
    }

    public Task DirectoryChangedAsync(CancellationToken cancellationToken = default)
    {
        schedule.Forget();
        return store.EvictByTagAsync(CacheTags.Public, cancellationToken).AsTask();
    }
}
