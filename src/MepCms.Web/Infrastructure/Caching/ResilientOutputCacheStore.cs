using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>
/// The shared page cache (Redis) as seen by one instance, made safe to lose (decision 0284): when
/// Redis does not answer, pages are built from the database (a miss), nothing is stored, and for a
/// while (<see cref="RedisOptions.RetryAfter"/>) Redis is not asked at all, so readers do not wait
/// for its timeout on every request. The first time Redis answers again, this instance evicts
/// every public page before anything else: evictions made while it was away (here or on an
/// instance that saw the same outage) leave no stale page behind.
/// </summary>
internal sealed class ResilientOutputCacheStore(IOutputCacheStore inner, TimeSpan retryAfter, TimeProvider clock, ILogger<ResilientOutputCacheStore> logger)
    : IOutputCacheBufferStore
{
    private long _closedUntilTicks;
    private volatile bool _flushOnReturn;
    private readonly SemaphoreSlim _flush = new(1, 1);

    /// <summary>True while Redis is left alone after a failure.</summary>
    internal bool IsOpen => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _closedUntilTicks);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return null;
        }
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffers)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is null)
            {
                return false;
            }
            await destination.WriteAsync(value, cancellationToken);
            return true;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return false;
        }
        try
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
            return false;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffers)
        {
            await SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            return;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            logger.LogWarning("The shared page cache is unavailable: eviction of {Tag} deferred until it answers again", tag);
            return;
        }
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
        }
    }

    /// <summary>
    /// Whether Redis may be asked now: not while it rests after a failure, and after one only once
    /// every public page was evicted (which this call does first).
    /// </summary>
    private async ValueTask<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            return false;
        }
        if (!_flushOnReturn)
        {
            return true;
        }
        await _flush.WaitAsync(cancellationToken);
        try
        {
            if (_flushOnReturn && !IsOpen)
            {
                await inner.EvictByTagAsync(CacheTags.Public, CancellationToken.None);
                _flushOnReturn = false;
                logger.LogInformation("The shared page cache answers again: every public page was evicted, so none changed while it was away is served stale");
            }
            return !_flushOnReturn;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Trip(exception);
            return false;
        }
        finally
        {
            _flush.Release();
        }
    }

    private void Trip(Exception exception)
    {
        _flushOnReturn = true;
        var until = clock.GetUtcNow().Add(retryAfter).UtcTicks;
        if (Interlocked.Exchange(ref _closedUntilTicks, until) < clock.GetUtcNow().UtcTicks)
        {
            logger.LogWarning(exception, "The shared page cache (Redis) did not answer: pages are built from the database for {RetryAfter}", retryAfter);
        }
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;
}
