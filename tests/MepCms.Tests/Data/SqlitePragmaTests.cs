using MepCms.Tests.Support;
using MepCms.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Data;

/// <summary>
/// The per-connection SQLite settings hold on every connection a request gets: a native connection
/// the pool hands out again, and a new one after the pool was emptied.
/// </summary>
public sealed class SqlitePragmaTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task Every_connection_has_foreign_keys_the_busy_timeout_and_normal_sync()
    {
        var first = await SettingsAsync();
        // The app's background services share the pool: the native connection may be out with one of
        // them for a moment, so ask again until the pool hands the first one back (each answer checked).
        List<Settings> reopened = [await SettingsAsync()];
        while (!ReferenceEquals(reopened[^1].Handle, first.Handle) && reopened.Count < 50)
        {
            reopened.Add(await SettingsAsync());
        }
        SqliteConnection.ClearAllPools();
        var fresh = await SettingsAsync();

        Assert.Same(first.Handle, reopened[^1].Handle);
        Assert.NotSame(first.Handle, fresh.Handle);
        Assert.All([first, .. reopened, fresh], s => Assert.Equal((1L, 10000L, 1L), (s.ForeignKeys, s.BusyTimeout, s.Synchronous)));
    }

    private sealed record Settings(object? Handle, long ForeignKeys, long BusyTimeout, long Synchronous);

    private async Task<Settings> SettingsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            long Pragma(string name)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA {name};";
                return (long)command.ExecuteScalar()!;
            }
            return new Settings(connection.Handle, Pragma("foreign_keys"), Pragma("busy_timeout"), Pragma("synchronous"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
