using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MepCms.Web.Data;

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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    /// <summary>Applies the settings to a connection opened outside EF Core (same rule: once per native connection).</summary>
    public static void Apply(SqliteConnection connection)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    private static bool NeedsPragmas(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Applied.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle is not null)
        {
            Applied.AddOrUpdate(handle, Done);
        }
    }
}
