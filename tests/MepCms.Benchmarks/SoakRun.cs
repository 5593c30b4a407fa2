using System.Globalization;
using System.Text;

namespace MepCms.Benchmarks;

/// <summary>
/// The mixed load for minutes on end (issue 22): 30 connections reading across the site beside 2
/// rating random statements, in slices of <see cref="Slice"/>; after each slice the server's
/// resident memory (VmRSS) is read. After the warm-up (the first fifth of the run, at least one
/// slice) memory must stay within 10 % (the page cache is bounded by
/// <c>PageCache:SizeLimitMegabytes</c>), no request may fail, and every accepted vote must be stored.
/// </summary>
internal sealed record SoakRun(int Statements, TimeSpan Length, IReadOnlyList<SoakSlice> Slices, int WarmupSlices, string VoteCheck, bool VotesKept)
{
    public const int SliceSeconds = 30;
    public static readonly TimeSpan Slice = TimeSpan.FromSeconds(SliceSeconds);

    private IEnumerable<SoakSlice> AfterWarmup => Slices.Skip(WarmupSlices);
    public double LowestMb => AfterWarmup.Min(s => s.RssMb);
    public double HighestMb => AfterWarmup.Max(s => s.RssMb);
    public bool MemoryFlat => HighestMb <= 1.1 * LowestMb;
    public long Failures => Slices.Sum(s => s.Reads.Errors + (s.Reads.Requests - s.Reads.Ok) + s.Ratings.Errors + (s.Ratings.Requests - s.Ratings.Ok));
    public bool Met => MemoryFlat && Failures == 0 && VotesKept;

    public static async Task<SoakRun> MeasureAsync(string appFolder, string work, int statements, int ratings, int minutes, IReadOnlyDictionary<string, string> appSettings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, $"soak-{statements}")).FullName;
        var (database, _) = await SizeRun.SeedAsync(appFolder, folder, statements, ratings, appSettings);
        await using var server = await AppServer.StartAsync(appFolder, database, Path.Combine(folder, "app.log"), SizeRun.WebSettings(appSettings));
        var (reads, rates, _) = await MixedLoad.EnvironmentsAsync(server, folder, statements);
        var count = Math.Max(2, minutes * 60 / SliceSeconds);
        var warmupSlices = Math.Max(1, count / 5);
        var before = MixedLoad.Votes(database);
        var slices = new List<SoakSlice>();
        Console.WriteLine($"[soak] {count} slices of {SliceSeconds} s, the first {warmupSlices} a warm-up");
        for (var i = 0; i < count; i++)
        {
            var (read, rate) = await MixedLoad.BesideAsync(server, SliceSeconds, reads, rates);
            var slice = new SoakSlice(TimeSpan.FromSeconds((i + 1) * SliceSeconds), read, rate, server.ResidentMemoryMegabytes());
            slices.Add(slice);
            Console.WriteLine($"  {slice.At,8:mm\\:ss}  reads {read.RequestsPerSecond,8:N0}/s p99 {read.P99Ms,7:N2} ms  ratings {rate.Ok,7:N0} accepted  RSS {slice.RssMb,6:N0} MB");
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // votes in flight when wrk stopped
        var after = MixedLoad.Votes(database);
        var accepted = slices.Sum(s => s.Ratings.Ok);
        // Each slice's wrk may stop with one request per connection in flight.
        var (check, kept) = MixedLoad.CheckVotes(before, after, accepted, (long)count * MixedLoad.WriteConnections);
        return new SoakRun(statements, TimeSpan.FromSeconds(count * SliceSeconds), slices, warmupSlices, check, kept);
    }

    public string Render()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# MepCms soak, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(invariant, $"{Statements:N0} statements; {Length.TotalMinutes:N0} minutes of {MixedLoad.ReadConnections} connections reading (1,000 statements, the home, MEP and committee pages) beside {MixedLoad.WriteConnections} rating random statements, in slices of {SliceSeconds} s; the server's resident memory (VmRSS) after each. App and wrk on the same {Environment.ProcessorCount}-core machine (loopback).");
        text.AppendLine();
        text.AppendLine("| at | reads/s | read p99 ms | ratings accepted | failed requests | RSS MB |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (s, i) in Slices.Select((s, i) => (s, i)))
        {
            var failed = s.Reads.Errors + (s.Reads.Requests - s.Reads.Ok) + s.Ratings.Errors + (s.Ratings.Requests - s.Ratings.Ok);
            text.AppendLine(invariant, $"| {s.At:mm\\:ss}{(i < WarmupSlices ? " (warm-up)" : "")} | {s.Reads.RequestsPerSecond:N0} | {s.Reads.P99Ms:N2} | {s.Ratings.Ok:N0} | {failed:N0} | {s.RssMb:N0} |");
        }
        text.AppendLine();
        text.AppendLine(invariant, $"After the warm-up, memory stayed between {LowestMb:N0} and {HighestMb:N0} MB ({(HighestMb / LowestMb - 1):P1} apart; target within 10 %): {(MemoryFlat ? "met" : "**not met**")}.");
        text.AppendLine(invariant, $"Failed requests (errors or non-2xx): {Failures:N0} (target 0). Votes: {VoteCheck}.");
        text.AppendLine(invariant, $"Verdict: {(Met ? "met" : "**not met**")}.");
        return text.ToString();
    }
}

internal sealed record SoakSlice(TimeSpan At, Measurement Reads, Measurement Ratings, double RssMb);
