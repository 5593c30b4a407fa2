using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MepCms.Web.Data.Sqlite;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets a writer wait for another instead of failing
/// with "database is locked"; synchronous=NORMAL is safe with WAL (a power cut can lose the last
/// commits, never corrupt the file). journal_mode=WAL itself is persistent and set once at start.
/// The settings belong to the native connection, which the pool keeps open between uses: they are
/// applied when a native connection is first opened, not on every open (three statements prepared
/// and run per request otherwise).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    // Native handles already set up; an entry goes with its handle when the pool closes it.
    private static readonly ConditionalWeakTable<object, object> Applied = new();
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply((SqliteConnection)connection);

    // Microsoft.Data.Sqlite runs commands synchronously whichever method is called.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    /// <summary>Applies the settings once per native connection (EF Core's connections and the rating writer's own).</summary>
    public static void Apply(SqliteConnection connection)
    {
        var handle = connection.Handle;
        if (handle is not null && Applied.TryGetValue(handle, out _))
        {
            return;
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
        if (handle is not null)
        {
            Applied.AddOrUpdate(handle, Done);
        }
    }
}
