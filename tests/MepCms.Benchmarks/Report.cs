using System.Globalization;
using System.Text;

namespace MepCms.Benchmarks;

/// <summary>The Markdown the benchmark prints and saves.</summary>
internal static class Report
{
    public static string Render(IReadOnlyList<SizeRun> runs, int seconds, int warmup)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# MepCms benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(invariant, $"wrk, {Wrk.Connections} connections, 2 threads, {seconds} s per endpoint after a {warmup} s warm-up of the same load; app and load generator on the same {Environment.ProcessorCount}-core machine (loopback).");
        foreach (var run in runs)
        {
            text.AppendLine();
            text.AppendLine(invariant, $"## {run.Statements:N0} statements, {run.Ratings:N0} ratings (seeded in {run.SeedTime.TotalSeconds:N1} s)");
            text.AppendLine();
            text.AppendLine("| endpoint | requests/s | p50 ms | p99 ms | vs baseline | target | met |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | --- |");
            var baseline = run.BaselineResult.RequestsPerSecond;
            text.AppendLine(invariant, $"| baseline: the article's bytes from memory | {baseline:N0} | {run.BaselineResult.P50Ms:N2} | {run.BaselineResult.P99Ms:N2} | 100 % | | |");
            foreach (var endpoint in run.Endpoints)
            {
                if (endpoint.Result is not { } m)
                {
                    text.AppendLine(invariant, $"| {endpoint.Name} | {endpoint.Missing} | | | | {endpoint.Target} | |");
                    continue;
                }
                var met = endpoint.Met is null ? "" : endpoint.Met(m, baseline) ? "yes" : "**no**";
                text.AppendLine(invariant, $"| {endpoint.Name} | {m.RequestsPerSecond:N0} | {m.P50Ms:N2} | {m.P99Ms:N2} | {m.RequestsPerSecond / baseline:P0} | {endpoint.Target} | {met} |");
            }
            var memoryMet = run.PeakMemoryAfterArticleMb is > 0 and < 300 ? "yes" : "**no**";
            text.AppendLine(invariant, $"| peak memory (VmHWM) after the article load | {run.PeakMemoryAfterArticleMb:N0} MB | | | | < 300 MB | {memoryMet} |");
            var coldMet = run.ColdStart is { } cold && cold <= TimeSpan.FromSeconds(1.5) ? "yes" : "**no**";
            text.AppendLine(invariant, $"| cold start: process start to the first statement page served | {(run.ColdStart is { } c ? $"{c.TotalMilliseconds:N0} ms" : "n/a")} | | | | ≤ 1,500 ms | {coldMet} |");
            text.AppendLine();
            text.AppendLine(invariant, $"Peak memory over the whole run: {run.PeakMemoryMb:N0} MB. Votes: {run.VoteCheck}.");
            AppendLanguages(text, run.Languages, seconds);
            if (run.Mixed is { } mixed)
            {
                AppendMixed(text, mixed, run.MixedVotesKept);
            }
        }
        if (runs.Count > 1)
        {
            AppendScaling(text, runs[0], runs[^1]);
        }
        return text.ToString();
    }

    private static void AppendMixed(StringBuilder text, MixedLoad mixed, bool votesKept)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine(invariant, $"### Mixed load: {MixedLoad.ReadConnections} connections reading statements (1,000 of them), home, MEP and committee pages, beside {MixedLoad.WriteConnections} writing");
        text.AppendLine();
        text.AppendLine("| scenario | reads/s | read p50 ms | read p99 ms | writes/s (2xx) | vs (b) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var b = mixed.BesideMissing.RequestsPerSecond;
        text.AppendLine(invariant, $"| (a) reads alone | {mixed.Alone.RequestsPerSecond:N0} | {mixed.Alone.P50Ms:N2} | {mixed.Alone.P99Ms:N2} | | |");
        text.AppendLine(invariant, $"| (b) beside POSTs to a missing statement (404) | {b:N0} | {mixed.BesideMissing.P50Ms:N2} | {mixed.BesideMissing.P99Ms:N2} | {mixed.Writes404.RequestsPerSecond:N0} (404) | 100 % |");
        text.AppendLine(invariant, $"| (c) beside ratings of random statements | {mixed.BesideRatings.RequestsPerSecond:N0} | {mixed.BesideRatings.P50Ms:N2} | {mixed.BesideRatings.P99Ms:N2} | {mixed.Ratings.RequestsPerSecond:N0} ({mixed.Ratings.Ok:N0} accepted) | {mixed.BesideRatings.RequestsPerSecond / b:P0} |");
        text.AppendLine();
        text.AppendLine(invariant, $"Target: reads in (c) ≥ 90 % of (b), p99 ≤ 25 ms, every accepted vote stored: {(mixed.Met(votesKept) ? "met" : "**not met**")}. Votes: {mixed.VoteCheck}.");
    }

    private static void AppendLanguages(StringBuilder text, IReadOnlyList<LanguagePair> pairs, int seconds)
    {
        if (pairs.Count == 0)
        {
            return;
        }
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine(invariant, $"### Another language against the default, in adjacent turns ({LanguagePair.Rounds} rounds of {seconds} s each, the order swapped each round; target: the median ratio within 10 %)");
        text.AppendLine();
        text.AppendLine("| page | default req/s (median) | other req/s (median) | req/s ratio (median of rounds) | p99 ratio (median of rounds) | rounds: req/s and p99 ms, default / other | met |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var p in pairs)
        {
            var rounds = string.Join("; ", p.Default.Zip(p.Other, (a, b) => $"{a.RequestsPerSecond:N0} / {b.RequestsPerSecond:N0} ({a.P99Ms:N2} / {b.P99Ms:N2})"));
            text.AppendLine(invariant, $"| {p.Name} (`{p.OtherPath}`) | {p.DefaultRequestsPerSecond:N0} | {p.OtherRequestsPerSecond:N0} | {p.ThroughputRatio:P0} | {p.P99Ratio:N2}× | {rounds} | {(p.Met ? "yes" : "**no**")} |");
        }
    }

    /// <summary>Every figure of the largest run within 1.25× of the smallest.</summary>
    private static void AppendScaling(StringBuilder text, SizeRun small, SizeRun large)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine(invariant, $"## {large.Statements:N0} against {small.Statements:N0} statements (target: within 1.25×)");
        text.AppendLine();
        text.AppendLine("| endpoint | requests/s ratio | p99 ratio | met |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var endpoint in small.Endpoints)
        {
            var other = large.Endpoints.First(e => e.Name == endpoint.Name);
            if (endpoint.Result is not { } a || other.Result is not { } b)
            {
                text.AppendLine(invariant, $"| {endpoint.Name} | n/a | n/a | |");
                continue;
            }
            var slower = a.RequestsPerSecond / b.RequestsPerSecond;
            var p99 = b.P99Ms / a.P99Ms;
            text.AppendLine(invariant, $"| {endpoint.Name} | {slower:N2}× | {p99:N2}× | {(slower <= 1.25 && p99 <= 1.25 ? "yes" : "**no**")} |");
        }
    }
}
