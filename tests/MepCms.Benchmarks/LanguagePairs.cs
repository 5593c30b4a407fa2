namespace MepCms.Benchmarks;

/// <summary>
/// A page in another language against the same page in the default one (issue 17: within 10 %,
/// throughput and p99). Measured one after the other, two rows differ by the machine's drift as
/// much as by the pages (the same row moved by ±20 % between runs on the 2 shared cores), so the
/// two are measured in adjacent turns, A B, B A, A B… (the order swapped each round, so a drift
/// favours neither), and the verdict is the median of the rounds' ratios.
/// </summary>
internal sealed record LanguagePair(string Name, string DefaultPath, string OtherPath, IReadOnlyList<Measurement> Default, IReadOnlyList<Measurement> Other)
{
    public const int Rounds = 5;

    public double DefaultRequestsPerSecond => Median(Default.Select(m => m.RequestsPerSecond));
    public double OtherRequestsPerSecond => Median(Other.Select(m => m.RequestsPerSecond));

    /// <summary>The median of the rounds' throughput ratios (other / default).</summary>
    public double ThroughputRatio => Median(Default.Zip(Other, (a, b) => b.RequestsPerSecond / a.RequestsPerSecond));

    /// <summary>The median of the rounds' p99 ratios (other / default).</summary>
    public double P99Ratio => Median(Default.Zip(Other, (a, b) => b.P99Ms / a.P99Ms));

    /// <summary>The other language keeps at least 90 % of the default's throughput and at most 110 % of its p99 (medians of the rounds).</summary>
    public bool Met => ThroughputRatio >= 0.9 && P99Ratio <= 1.1;

    public static LanguagePair Measure(string name, string baseUrl, string defaultPath, string otherPath, int seconds, int warmup)
    {
        // Both warmed (the server compiles both pages' code fully), then in turns.
        Wrk.Measure(baseUrl + defaultPath, "get.lua", warmup);
        Wrk.Measure(baseUrl + otherPath, "get.lua", warmup);
        var (a, b) = (new List<Measurement>(), new List<Measurement>());
        for (var round = 0; round < Rounds; round++)
        {
            if (round % 2 == 0)
            {
                a.Add(Wrk.Measure(baseUrl + defaultPath, "get.lua", seconds));
                b.Add(Wrk.Measure(baseUrl + otherPath, "get.lua", seconds));
            }
            else
            {
                b.Add(Wrk.Measure(baseUrl + otherPath, "get.lua", seconds));
                a.Add(Wrk.Measure(baseUrl + defaultPath, "get.lua", seconds));
            }
        }
        var pair = new LanguagePair(name, defaultPath, otherPath, a, b);
        Console.WriteLine($"  {name,-32} {pair.ThroughputRatio,9:P0} of the default's req/s, p99 {pair.P99Ratio:N2}× (medians of {Rounds} rounds)");
        return pair;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
