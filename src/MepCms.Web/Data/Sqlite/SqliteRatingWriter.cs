using System.Threading.Channels;
using MepCms.Web.Features.Ratings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.Sqlite;

/// <summary>
/// Rating writes on SQLite, which has one writer at a time (docs/decisions/0068). Votes queue here
/// and one writer stores every vote waiting at that moment in one transaction: the lock, BEGIN and
/// COMMIT are paid once per batch instead of once per vote, and the statements are prepared once
/// for the life of the writer's own connection. Each vote still reads its reader's earlier score
/// inside the transaction, so a changed vote corrects the sum and a reader counts once; each
/// statement's aggregate changes by one set-based update per batch. A request waits for the commit
/// of its vote's batch: an answered vote is a stored vote.
/// </summary>
public sealed class SqliteRatingWriter : IRatingStore, IAsyncDisposable
{
    /// <summary>The most votes one transaction stores; more wait for the next.</summary>
    public const int MaxBatch = 512;

    // The writer connection's page cache, in KiB: room for every interior page of the Ratings
    // indexes (~1-2 MB at 1,600,000 ratings), which each vote walks through; the leaves it lands on
    // are random and come from the OS's file cache. A 64 MB cache stored ~5 % more votes a second,
    // within the machine's noise, and made the process grow by 60 MB over a quarter of an hour
    // while it filled (decision 0302).
    private const int WriterCacheKibibytes = 8 * 1024;

    // SQLITE_CONSTRAINT_FOREIGNKEY: the row's statement does not exist.
    private const int ForeignKeyViolation = 787;

    private readonly Channel<PendingVote> _queue = Channel.CreateBounded<PendingVote>(
        new BoundedChannelOptions(8 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SqliteRatingWriter> _logger;
    private readonly Lazy<Task> _loop;
    private RatingStatements? _statements;
    private long _batches;

    public SqliteRatingWriter(IServiceScopeFactory scopes, ILogger<SqliteRatingWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Transactions committed so far (each holds one or more votes).</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Queues the vote and waits for the commit of its batch. Null when the statement is gone.</summary>
    public async Task<RatingSummary?> StoreAsync(RatingVote vote, CancellationToken cancellationToken)
    {
        _ = _loop.Value;
        var pending = new PendingVote(vote, cancellationToken);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // A vote already in a batch is written even if the reader goes away meanwhile.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The SQL the writer runs, for review and for the write-scope test.</summary>
    public IReadOnlyList<string> StatementTexts(MepCmsDbContext db) => RatingStatementSql.For(db.Model).All;

    private async Task RunAsync()
    {
        var batch = new List<PendingVote>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                // A reader who went away before their vote was written gets nothing stored.
                if (pending.Cancellation.IsCancellationRequested)
                {
                    pending.Outcome.TrySetCanceled(pending.Cancellation);
                    continue;
                }
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                Write(batch);
                Interlocked.Increment(ref _batches);
            }
            catch (Exception exception)
            {
                // Nothing of the batch is stored (the transaction rolled back): each request gets the
                // failure (503 when the database is unavailable), and the next batch starts afresh.
                _logger.LogError(exception, "Storing a batch of {VoteCount} ratings failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetException(exception);
                }
                _statements?.Dispose();
                _statements = null;
            }
            batch.Clear();
        }
    }

    private void Write(List<PendingVote> batch)
    {
        var statements = _statements ??= Open();
        using var transaction = statements.Connection.BeginTransaction(deferred: false);
        statements.Enlist(transaction);
        var changes = new Dictionary<int, (int Count, long Sum)>();
        foreach (var pending in batch)
        {
            var (statementId, visitorHash, score, now) = pending.Vote;
            var previous = statements.FindScore(statementId, visitorHash);
            try
            {
                if (previous is { } old)
                {
                    statements.UpdateScore(statementId, visitorHash, score, now);
                    Add(changes, statementId, 0, score - old);
                }
                else
                {
                    statements.InsertRating(statementId, visitorHash, score, now);
                    Add(changes, statementId, 1, score);
                }
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == ForeignKeyViolation)
            {
                // The statement was deleted after the request found it (the foreign key refuses the
                // row). Only this vote fails; SQLite undid just this one statement.
                pending.Missing = true;
            }
        }
        var totals = new Dictionary<int, RatingSummary>(changes.Count);
        foreach (var (statementId, (count, sum)) in changes)
        {
            if (statements.UpdateAggregate(statementId, count, sum) is { } summary)
            {
                totals[statementId] = summary;
            }
        }
        transaction.Commit();
        foreach (var pending in batch)
        {
            pending.Outcome.TrySetResult(!pending.Missing && totals.TryGetValue(pending.Vote.StatementId, out var summary) ? summary : null);
        }
    }

    private static void Add(Dictionary<int, (int Count, long Sum)> changes, int statementId, int count, long sum)
    {
        var (c, s) = changes.GetValueOrDefault(statementId);
        changes[statementId] = (c + count, s + sum);
    }

    private RatingStatements Open()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        try
        {
            connection.Open();
            SqlitePragmas.Apply(connection);
            using (var cache = connection.CreateCommand())
            {
                // The writer touches the Ratings indexes at random places (one per reader), always
                // through their interior pages: a larger page cache than a request connection's 2 MB keeps those.
                cache.CommandText = $"PRAGMA cache_size = -{WriterCacheKibibytes};";
                cache.ExecuteNonQuery();
            }
            return new RatingStatements(connection, RatingStatementSql.For(db.Model));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Registered as itself and as IRatingStore, so the container may dispose it twice: the second is a no-op.
    public async ValueTask DisposeAsync()
    {
        // Votes already queued are written before the app stops.
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }
        _statements?.Dispose();
        _statements = null;
    }

    private sealed class PendingVote(RatingVote vote, CancellationToken cancellation)
    {
        public RatingVote Vote { get; } = vote;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<RatingSummary?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Missing { get; set; }
    }
}
