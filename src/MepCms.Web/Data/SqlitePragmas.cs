using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MepCms.Web.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets a writer wait for another instead of failing
/// with "database is locked"; synchronous=NORMAL is safe with WAL (a power cut can lose the last
/// commits, never corrupt the file). journal_mode=WAL itself is persistent and set once at start.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
