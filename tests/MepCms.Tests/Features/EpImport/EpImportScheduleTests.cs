using MepCms.Tests.Support;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.EpImport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.EpImport;

/// <summary><c>EpImport:DailyAt</c>: the imported MEPs refreshed once a day, by one instance of two sharing the database.</summary>
public sealed class EpImportScheduleTests : IDisposable
{
    // The test clock starts at 10:00 UTC on 10 June 2026: 12:00 in Brussels.
    private static readonly TimeOnly DailyAt = new(12, 30);
    private readonly SharedDatabase _database = new();
    private readonly EpFixtureCopy _files = new();
    private int _rosterReads;

    public void Dispose()
    {
        _database.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task At_the_daily_time_one_instance_of_two_refreshes_the_imported_MEPs_and_the_other_does_nothing()
    {
        await using var first = Instance();
        await using var second = Instance();
        _ = first.Services;
        _ = second.Services;
        await ImportAsync(first);
        _files.Replace("meps/1294.json", "org/5153", "org/7035");

        Assert.False(await RunAsync(first));
        first.Clock.Advance(TimeSpan.FromMinutes(31));
        second.Clock.Advance(TimeSpan.FromMinutes(31));
        // Both background services woke up too: four tries at once, one import.
        var runs = await Task.WhenAll(RunAsync(first), RunAsync(second));
        await RefreshedAsync(first);
        await Task.Delay(500);

        Assert.True(runs.Count(ran => ran) <= 1);
        Assert.Equal(1, _rosterReads);
        await first.WithDbAsync(async db =>
        {
            Assert.Equal("Renew", (await db.Authors.SingleAsync(a => a.EpId == "1294")).PoliticalGroup);
            var refreshed = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.MepRefreshedFromEp);
            Assert.Equal("EP import (daily schedule)", refreshed.UserName);
            Assert.Equal(1, await db.ScheduledRuns.CountAsync());
        });
        Assert.False(await RunAsync(first)); // once a day
    }

    [Fact]
    public async Task The_background_service_runs_it_when_the_clock_passes_the_daily_time()
    {
        await using var app = Instance();
        _ = app.Services;
        await ImportAsync(app);
        _files.Replace("meps/197403.json", "org/7035", "org/5153");

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        await RefreshedAsync(app);
        Assert.Equal("EPP", await app.WithDbAsync(async db => (await db.Authors.SingleAsync(a => a.EpId == "197403")).PoliticalGroup));
    }

    private AppInstance Instance() =>
        new(_database.File, new Dictionary<string, string?> { ["EpImport:DailyAt"] = DailyAt.ToString("HH:mm") },
            services => services.AddScoped<IEpSource>(_ => new CountingAnswers(_files.Root, () => Interlocked.Increment(ref _rosterReads))));

    private static async Task ImportAsync(AppInstance app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (result, _) = await scope.ServiceProvider.GetRequiredService<EpImporter>()
            .ApplyAsync(new EpDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep")), new EpImportRequest(["1294", "197403", "124936"], false),
                EpImportActor.CommandLine, null, CancellationToken.None);
        Assert.NotNull(result);
    }

    private static async Task RefreshedAsync(AppInstance app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MepRefreshedFromEp)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The daily import did not run after the clock passed EpImport:DailyAt");
            await Task.Delay(100);
        }
    }

    private static Task<bool> RunAsync(AppInstance app) =>
        app.Services.GetRequiredService<EpImportSchedule>().RunIfDueAsync(DailyAt, CancellationToken.None);
}

/// <summary>Saved answers that count how often the roster is read: once per import run.</summary>
internal sealed class CountingAnswers(string root, Action rosterRead) : EpSavedAnswers
{
    public override string Name => "files";

    protected override byte[]? Find(string relative)
    {
        if (relative == "meps/show-current.json") rosterRead();
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
