using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.Sqlite;

/// <summary>
/// Keeps SQLite's query planner informed. Without statistics it cannot tell a column that splits
/// 100,000 statements into 24 languages from one that splits them into two states, and it walks
/// a language's list through the status index, reading every statement's row (450 ms at 100,000
/// statements); with them it takes the index made for the query. As SQLite advises for
/// long-running applications, <c>PRAGMA optimize=0x10002</c> (every table, within SQLite's own
/// analysis limit: a second or so at 100,000 statements) runs shortly after start and then
/// every <see cref="Period"/>; it analyses only the tables that grew or shrank enough since the
/// last time (decision 0300).
/// </summary>
internal sealed class SqliteStatistics(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteStatistics> logger) : BackgroundService
{
    /// <summary>After the start, out of the way of the first requests.</summary>
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Period = TimeSpan.FromHours(6);

    /// <summary>Brings the statistics up to date now.</summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MepCmsDbContext>().Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(Period, clock);
            do
            {
                try
                {
                    await OptimizeAsync(stoppingToken);
                }
                catch (SqliteException e)
                {
                    // A locked or full database: the planner keeps its last statistics; try again next period.
                    logger.LogWarning(e, "Could not bring SQLite's statistics up to date");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
