using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data;

/// <summary>
/// SQLite has one writer at a time. A writer that finds the file locked waits in SQLite's busy
/// handler, which sleeps in steps of 1 to 100 ms: under a burst of short writes (ratings of a
/// statement in the news) the sleeping, not the writing, sets the pace. Writers of this process
/// queue here instead and each finds the file free. Another process on the same file still waits
/// through busy_timeout. On SQL Server the gate is open: row locks let writers run side by side.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the turn of a write on <paramref name="db"/>; dispose the result to pass it on.</summary>
    public async ValueTask<IDisposable?> EnterAsync(MepCmsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }
        await _gate.WaitAsync(cancellationToken);
        return new Turn(_gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
