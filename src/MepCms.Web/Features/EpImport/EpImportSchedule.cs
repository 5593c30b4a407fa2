using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.EpImport;

/// <summary><c>EpImport:DailyAt</c>: the Brussels time at which the imported MEPs are refreshed each day; unset, never.</summary>
public sealed class EpScheduleOptions
{
    public const string Section = "EpImport";

    public TimeOnly? DailyAt { get; set; }
}

/// <summary>A daily job's run, claimed by the one instance that inserts it: the key (job, day) lets only one win.</summary>
public sealed class ScheduledRun
{
    public string Job { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTime ClaimedAt { get; set; }
}

internal sealed class ScheduledRunConfiguration : IEntityTypeConfiguration<ScheduledRun>
{
    public void Configure(EntityTypeBuilder<ScheduledRun> builder)
    {
        builder.HasKey(r => new { r.Job, r.Day });
        builder.Property(r => r.Job).HasMaxLength(64);
    }
}

/// <summary>
/// Refreshes every imported MEP from the EP's open data once a day at <c>EpImport:DailyAt</c> (Brussels
/// time), once across all instances: each instance checks every 30 seconds, and only the one that
/// inserts the day's <see cref="ScheduledRun"/> imports. A run that fails is logged and tried again the next day.
/// </summary>
public sealed class EpImportSchedule(IServiceScopeFactory scopes, IOptions<EpScheduleOptions> options, TimeProvider clock, ILogger<EpImportSchedule> logger) : BackgroundService
{
    public const string Job = "ep-import";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DailyAt is not { } at) return;
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                await RunIfDueAsync(at, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The daily EP import failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Imports when today's time has come and no instance has claimed today; true when this instance ran it.</summary>
    public async Task<bool> RunIfDueAsync(TimeOnly at, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = BrusselsTime.ToLocal(now);
        var today = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < at) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        if (await db.ScheduledRuns.AnyAsync(r => r.Job == Job && r.Day == today, cancellationToken)) return false;
        db.ScheduledRuns.Add(new ScheduledRun { Job = Job, Day = today, ClaimedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false; // another instance claimed today first
        }
        db.ChangeTracker.Clear();
        var ids = await db.Authors.AsNoTracking().Where(a => a.EpId != null && a.IsActive).OrderBy(a => a.EpId).Select(a => a.EpId!).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            logger.LogInformation("The daily EP import found no imported MEP to refresh");
            return true;
        }
        if (scope.ServiceProvider.GetService<IEpSource>() is not { } source)
        {
            logger.LogWarning("EpImport:DailyAt is set but no online source of the EP's open data is configured");
            return true;
        }
        var (result, plan) = await scope.ServiceProvider.GetRequiredService<EpImporter>()
            .ApplyAsync(source, new EpImportRequest(ids, false), EpImportActor.Schedule, null, cancellationToken);
        logger.LogInformation("The daily EP import refreshed {Count} MEPs: {Summary}; {Photos} photos stored", ids.Count, plan.Summary, result?.PhotosStored ?? 0);
        return true;
    }
}
