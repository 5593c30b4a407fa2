using Microsoft.AspNetCore.OutputCaching;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// Output-cache tags every public response carries. Features tag their pages with their own tags
/// (a statement's id, "lists"…) and say which to evict when what a page shows changes.
/// </summary>
public static class CacheTags
{
    /// <summary>Every public response.</summary>
    public const string Public = "public";
}

/// <summary>Evicts cached public responses; the feature that changed something names the tags.</summary>
public interface IPublicCache
{
    /// <summary>Evicts every cached response that carries one of <paramref name="tags"/>.</summary>
    Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default);

    /// <summary>Evicts every public response: something shown on any page (a name, a link) changed.</summary>
    Task EvictAllAsync(CancellationToken cancellationToken = default);
}

internal sealed class OutputCachePublicCache(IOutputCacheStore store) : IPublicCache
{
    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }

    public Task EvictAllAsync(CancellationToken cancellationToken = default) =>
        store.EvictByTagAsync(CacheTags.Public, cancellationToken).AsTask();
}
