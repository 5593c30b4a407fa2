using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// Spaces this process's requests to the EP at least <see cref="EpImportOptions.MinimumInterval"/> apart,
/// whichever client or thread sends them. A singleton: typed clients and their handlers come and go.
/// Requests pass one at a time, each measured from the moment the previous one actually left, so a process
/// that stalls (a long GC, a busy thread pool) cannot release several late requests in one burst.
/// </summary>
public sealed class EpPacer(IOptions<EpImportOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _last;

    /// <summary>Waits for this request's turn; a request cancelled while waiting takes no turn.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = _last + options.Value.MinimumInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait.Value, time, cancellationToken).ConfigureAwait(false);
            _last = time.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>What one logical request carries through its attempts: what it asks for, how big an answer may be, how many attempts it took.</summary>
internal sealed class EpAttempts(string path, long limit)
{
    private int _count;
    public string Path { get; } = path;
    public long Limit { get; } = limit;
    public int Count => Volatile.Read(ref _count);
    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>
/// Runs inside the retries, once per attempt: waits for the pacer, counts the attempt and reads a successful answer's
/// body within the size limit. Reading the body here puts it under the attempt timeout and lets a broken-off body be
/// retried like a broken connection; an answer over the limit is not retried (it would be just as big again).
/// </summary>
internal sealed class EpAttemptHandler(EpPacer pacer) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<EpAttempts> Key = new("MepCms.EpAttempts");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        request.Options.TryGetValue(Key, out var attempts);
        attempts?.Add();
        var response = await base.SendAsync(request, cancellationToken);
        if (attempts is null || !response.IsSuccessStatusCode) return response;
        try
        {
            response.Content = await ReadAsync(response.Content, attempts, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpContent> ReadAsync(HttpContent content, EpAttempts attempts, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > attempts.Limit) throw TooLarge(attempts);
        using var buffer = new MemoryStream();
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > attempts.Limit) throw TooLarge(attempts);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e)
        {
            // A body cut short is as transient as a refused connection: let the retry see it as one.
            throw new HttpRequestException($"The answer to {attempts.Path} broke off ({e.Message}).", e);
        }
        var buffered = new ByteArrayContent(buffer.ToArray());
        foreach (var header in content.Headers)
        {
            if (header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        content.Dispose();
        return buffered;
    }

    private static EpFormatException TooLarge(EpAttempts attempts) =>
        new($"The answer to {attempts.Path} is larger than {attempts.Limit:N0} bytes.");
}
