using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MepCms.Benchmarks;

internal sealed record MailBenchmarkOptions(int Subscribers, int Publishes, int WarmupPublishes, TimeSpan Timeout, IReadOnlyDictionary<string, string> AppSettings)
{
    public static MailBenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new MailBenchmarkOptions(Math.Max(1, Value("--subscribers", 10_000)), Math.Clamp(Value("--publishes", 30), 1, 1000),
            Math.Clamp(Value("--warmup-publishes", 5), 0, 100), TimeSpan.FromSeconds(Math.Max(10, Value("--mail-timeout", 300))),
            BenchmarkOptions.Parse(args).AppSettings);
    }
}

/// <summary>The publish POSTs of one row, in milliseconds, and how many messages the sink received in the <paramref name="Seconds"/> they took.</summary>
/// <remarks><paramref name="LiveMs"/>: from the start of each POST until the statement was live (its alerts queued).</remarks>
internal sealed record PublishTimes(string Name, IReadOnlyList<double> Ms, IReadOnlyList<double> LiveMs, long MessagesMeanwhile, double Seconds)
{
    public double P50 => Percentile(Ms, 0.50);
    public double P99 => Percentile(Ms, 0.99);
    public double Max => Ms.Max();
    public double LiveP50 => Percentile(LiveMs, 0.50);
    public double LiveP99 => Percentile(LiveMs, 0.99);

    // Nearest rank: with 30 samples, p99 is the slowest of them.
    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>One statement's alerts: what the sink received, what the database says, and how long it all took.</summary>
internal sealed record SenderResult(int Subscribers, SinkCount Count, double PublishMs, TimeSpan PublishToLast, bool TimedOut, long Queued, long RecordedSent);

internal sealed record MailRunResult(int Subscribers, IReadOnlyList<PublishTimes> Publishes, SenderResult Sender, TimeSpan SeedTime, IReadOnlyList<string> AppLog);

/// <summary>
/// The e-mail benchmark: the publish POST with no subscriber and with many (its time must not grow:
/// the alerts are queued with one INSERT … SELECT), then the sender's rate to a local SMTP sink.
/// </summary>
internal static class MailRun
{
    public static async Task<string> MeasureAsync(string appFolder, string work, MailBenchmarkOptions options)
    {
        var loadAtStart = LoadAverage();
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Mail__Transport"] = "Smtp",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Mail__From"] = "press@example.org",
        };
        foreach (var (key, value) in options.AppSettings)
        {
            settings[key] = value;
        }
        // Enough drafts for every publish of the run with subscribers: warm-up, timed, the measured statement, the kick, timed again.
        var drafts = options.WarmupPublishes + 2 * options.Publishes + 2;
        var log = new List<string>();
        var label = string.Create(CultureInfo.InvariantCulture, $"{options.Subscribers:N0} subscribers");

        PublishTimes none;
        await using (var site = await MailSite.StartAsync(appFolder, work, "0 subscribers", drafts, 0, settings))
        {
            sink.Reset();
            none = await site.PublishManyAsync("publish POST, 0 subscribers", options, sink);
            log.AddRange(site.LogProblems());
        }

        await using var full = await MailSite.StartAsync(appFolder, work, label, drafts, options.Subscribers, settings);
        // Another instance holds the sender's lease (MailSeeder): this row is the publish request alone.
        var heldOff = await full.PublishManyAsync($"publish POST, {label}, sender held off", options, sink);
        await full.WaitUntilAllLiveAsync();

        // Only the next statement's alerts are counted: forget those queued so far, then let the sender send.
        MailSeeder.ClearAlerts(full.Database);
        sink.Reset();
        MailSeeder.ReleaseSender(full.Database);
        var sender = await full.MeasureSenderAsync(options, sink);

        // The same publish while the sender delivers the alerts of the statement before.
        sink.Reset();
        await full.PublishNextAsync();
        await WaitForAsync(() => sink.Count.Messages > 0, TimeSpan.FromSeconds(60), "the sender to start");
        var delivering = await full.PublishManyAsync($"publish POST, {label}, while the sender delivers", options with { WarmupPublishes = 0 }, sink);
        log.AddRange(full.LogProblems());

        var result = new MailRunResult(options.Subscribers, [none, heldOff, delivering], sender, full.SeedTime, log);
        return MailReport.Render(result, options, $"{loadAtStart} at the start, {LoadAverage()} at the end");
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static async Task WaitForAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:N0} s for {what}.");
            }
            await Task.Delay(100);
        }
    }
}

/// <summary>One app on its own fresh database, seeded for the e-mail benchmark, with an editor signed in.</summary>
internal sealed class MailSite : IAsyncDisposable
{
    private readonly AppServer _server;
    private readonly BackOffice _staff;
    private readonly string _log;
    private readonly string _work;
    private int _nextDraft;

    private MailSite(AppServer server, BackOffice staff, string database, string log, string work, TimeSpan seedTime) =>
        (_server, _staff, Database, _log, _work, SeedTime) = (server, staff, database, log, work, seedTime);

    public string Database { get; }
    public TimeSpan SeedTime { get; }

    public static async Task<MailSite> StartAsync(string appFolder, string work, string name, int drafts, int subscribers, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, $"mail-{subscribers}")).FullName;
        var database = Path.Combine(folder, "mepcms.db");
        var log = Path.Combine(folder, "app.log");
        Console.WriteLine($"[{name}] migrating an empty database…");
        await (await AppServer.StartAsync(appFolder, database, log, settings)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        var port = AppServer.FreePort();
        var (password, seedTime) = MailSeeder.Seed(database, drafts, subscribers, $"http://127.0.0.1:{port}", DateTime.UtcNow);
        Console.WriteLine($"[{name}] seeded {drafts} drafts and {subscribers:N0} confirmed subscribers in {seedTime.TotalSeconds:N1} s");
        var server = await AppServer.StartAsync(appFolder, database, log, settings, port);
        try
        {
            return new MailSite(server, await BackOffice.SignInAsync(server.BaseUrl, MailSeeder.EditorEmail, password), database, log, work, seedTime);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes the next draft; answers its id and the POST's time in ms.</summary>
    public async Task<(int Id, double Ms)> PublishNextAsync()
    {
        var id = ++_nextDraft;
        return (id, (await _staff.PublishAsync(id)).TotalMilliseconds);
    }

    /// <summary>Publishes the warm-up drafts untimed (the server's code is compiled and optimised as it runs), then times the rest.</summary>
    public async Task<PublishTimes> PublishManyAsync(string name, MailBenchmarkOptions options, SmtpSink sink)
    {
        for (var i = 0; i < options.WarmupPublishes; i++)
        {
            await PublishNextAsync();
        }
        var before = sink.Count.Messages;
        var watch = Stopwatch.StartNew();
        var times = new List<double>();
        var live = new List<double>();
        for (var i = 0; i < options.Publishes; i++)
        {
            // Each POST on a settled database: the statement before has gone live (its alerts queued).
            var started = Stopwatch.GetTimestamp();
            times.Add((await PublishNextAsync()).Ms);
            while (MailSeeder.WaitingToGoLive(Database) > 0)
            {
                await Task.Delay(2);
            }
            live.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var result = new PublishTimes(name, times, live, sink.Count.Messages - before, watch.Elapsed.TotalSeconds);
        Console.WriteLine($"  {name,-58} p50 {result.P50,7:N1} ms  p99 {result.P99,7:N1} ms  max {result.Max,7:N1} ms  live p50 {result.LiveP50,7:N1} ms");
        Console.WriteLine($"    in order: {string.Join(' ', times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))}");
        return result;
    }

    /// <summary>
    /// Publishing now wakes the go-live pass, which takes the statement live moments after the
    /// answer: wait until every published one is live.
    /// </summary>
    public Task WaitUntilAllLiveAsync() =>
        MailRun.WaitForAsync(() => MailSeeder.WaitingToGoLive(Database) == 0, TimeSpan.FromSeconds(60), "every published statement to go live");

    /// <summary>Publishes one statement and waits until the sink has received its alerts, or the time is up.</summary>
    public async Task<SenderResult> MeasureSenderAsync(MailBenchmarkOptions options, SmtpSink sink)
    {
        var started = Stopwatch.GetTimestamp();
        var (id, ms) = await PublishNextAsync();
        var timedOut = false;
        var lastReport = Stopwatch.StartNew();
        while (sink.Count.Messages < options.Subscribers)
        {
            if (Stopwatch.GetElapsedTime(started) > options.Timeout)
            {
                timedOut = true;
                break;
            }
            if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
            {
                Console.WriteLine($"  sender: {sink.Count.Messages:N0} of {options.Subscribers:N0} messages after {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s");
                lastReport.Restart();
            }
            await Task.Delay(50);
        }
        var count = sink.Count;
        var publishToLast = count.Messages > 0 ? Stopwatch.GetElapsedTime(started, count.Last) : TimeSpan.Zero;
        // The sender records each message after the server accepted it: give it a moment for the last.
        var (queued, sent) = MailSeeder.Alerts(Database, id);
        for (var i = 0; i < 50 && sent < count.Messages; i++)
        {
            await Task.Delay(100);
            (queued, sent) = MailSeeder.Alerts(Database, id);
        }
        Console.WriteLine($"  sender: {count.Messages:N0} messages in {count.Span.TotalSeconds:N1} s = {count.PerSecond:N0} msg/s over {count.Sessions} SMTP sessions");
        return new SenderResult(options.Subscribers, count, ms, publishToLast, timedOut, queued, sent);
    }

    /// <summary>The app's warnings and errors so far, one JSON line each, without this machine's folder names.</summary>
    public IReadOnlyList<string> LogProblems() =>
        File.Exists(_log)
            ? [.. File.ReadLines(_log).Where(l => Levels.Any(level => l.Contains(level, StringComparison.Ordinal)))
                .Select(l => l.Replace(_work, "(work folder)", StringComparison.Ordinal))]
            : [];

    private static readonly string[] Levels = ["\"@l\":\"Warning\"", "\"@l\":\"Error\"", "\"@l\":\"Fatal\""];

    public async ValueTask DisposeAsync()
    {
        _staff.Dispose();
        await _server.DisposeAsync();
    }
}
