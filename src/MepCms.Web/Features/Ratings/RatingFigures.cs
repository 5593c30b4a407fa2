using System.Collections.Concurrent;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// Brings cached pages up to date with new ratings (decision 0288). A rating does not evict the
/// pages that show its statement at once: they are evicted <see cref="RatingOptions.FiguresRefresh"/>
/// after the first rating since their last eviction, so a burst of ratings costs one rebuild a page,
/// not one a vote, and the evictions of many statements are spread over time (checked every second)
/// rather than all at one moment. The reader who rated sees their effect at once: the widget
/// updates from the answer, and for that while their own requests skip the cache
/// (<see cref="PublicPages.FreshPageCookie"/>), so reloading shows the new average.
/// </summary>
public sealed class RatingFigures(IPublicCache cache, IOptions<RatingOptions> options, TimeProvider clock, ILogger<RatingFigures> logger) : BackgroundService
{
    /// <summary>The statements rated, each with the moment (UTC ticks) its pages are due to be evicted.</summary>
    private readonly ConcurrentDictionary<int, long> _due = new();

    /// <summary>How often due evictions are looked for.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>A statement's figures changed: its pages are evicted at the next refresh (at once when the refresh is zero).</summary>
    public async ValueTask ChangedAsync(int articleId, CancellationToken cancellationToken)
    {
        if (options.Value.FiguresRefresh <= TimeSpan.Zero)
        {
            await cache.EvictAsync(ArticleCacheTags.PagesShowing(articleId), cancellationToken);
            return;
        }
        // The first rating since the last eviction sets the time; later ones wait for the same eviction.
        _due.TryAdd(articleId, (clock.GetUtcNow() + options.Value.FiguresRefresh).UtcTicks);
    }

    /// <summary>Evicts the pages of every statement rated (all of them, or those due by <paramref name="dueBy"/>).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default, DateTimeOffset? dueBy = null)
    {
        var ids = _due.Where(e => dueBy is not { } by || e.Value <= by.UtcTicks).Select(e => e.Key).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        foreach (var id in ids)
        {
            _due.TryRemove(id, out _);
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
        using var timer = new PeriodicTimer(refresh < Tick ? refresh : Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken, dueBy: clock.GetUtcNow());
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
