using System.Collections.Concurrent;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// Brings cached pages up to date with new ratings (decision 0288). A rating does not evict the
/// pages that show its statement at once: the statements rated are collected and their pages
/// evicted together every <see cref="RatingOptions.FiguresRefresh"/>, so a burst of ratings costs
/// one rebuild a page, not one a vote. The reader who rated sees their effect at once: the widget
/// updates from the answer, and for that while their own requests skip the cache
/// (<see cref="PublicPages.FreshPageCookie"/>), so reloading shows the new average.
/// </summary>
public sealed class RatingFigures(IPublicCache cache, IOptions<RatingOptions> options, TimeProvider clock, ILogger<RatingFigures> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, byte> _changed = new();

    /// <summary>A statement's figures changed: its pages are evicted at the next refresh (at once when the refresh is zero).</summary>
    public async ValueTask ChangedAsync(int articleId, CancellationToken cancellationToken)
    {
        if (options.Value.FiguresRefresh <= TimeSpan.Zero)
        {
            await cache.EvictAsync(ArticleCacheTags.PagesShowing(articleId), cancellationToken);
            return;
        }
        _changed.TryAdd(articleId, 0);
    }

    /// <summary>Evicts the pages of every statement rated since the last refresh.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var ids = _changed.Keys.ToList();
        if (ids.Count == 0)
        {
            return;
        }
        foreach (var id in ids)
        {
            _changed.TryRemove(id, out _);
        }
        await cache.EvictAsync(ids.SelectMany(ArticleCacheTags.PagesShowing).Distinct(), cancellationToken);
        logger.LogDebug("Evicted the pages of {Count} rated statements", ids.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresh = options.Value.FiguresRefresh;
        if (refresh <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(refresh, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not evict the pages of rated statements; trying again at the next refresh");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken); // what was rated since the last refresh
    }
}
