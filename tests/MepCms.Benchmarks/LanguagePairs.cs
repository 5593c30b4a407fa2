namespace MepCms.Benchmarks;

/// <summary>
/// A page in another language against the same page in the default one (issue 17: within 10 %,
/// throughput and p99). Measured one after the other, two rows differ by the machine's drift as
/// much as by the pages (the same row moved by ±20 % between runs on the 2 shared cores), so the
/// two are measured in turns, A B A B A B, and each side's median is compared.
/// </summary>
internal sealed record LanguagePair(string Name, string DefaultPath, string OtherPath, IReadOnlyList<Measurement> Default, IReadOnlyList<Measurement> Other)
{
    public const int Rounds = 3;

    public double DefaultRequestsPerSecond => Median(Default.Select(m => m.RequestsPerSecond));
    public double OtherRequestsPerSecond => Median(Other.Select(m => m.RequestsPerSecond));
    public double DefaultP99Ms => Median(Default.Select(m => m.P99Ms));
    public double OtherP99Ms => Median(Other.Select(m => m.P99Ms));

    /// <summary>The other language's median throughput at least 90 % of the default's, its median p99 at most 110 %.</summary>
    public bool Met => OtherRequestsPerSecond >= 0.9 * DefaultRequestsPerSecond && OtherP99Ms <= 1.1 * DefaultP99Ms;

    public static LanguagePair Measure(string name, string baseUrl, string defaultPath, string otherPath, int seconds, int warmup)
    {
        // Both warmed (the server compiles both pages' code fully), then in turns.
        Wrk.Measure(baseUrl + defaultPath, "get.lua", warmup);
        Wrk.Measure(baseUrl + otherPath, "get.lua", warmup);
        var (a, b) = (new List<Measurement>(), new List<Measurement>());
        for (var round = 0; round < Rounds; round++)
        {
            a.Add(Wrk.Measure(baseUrl + defaultPath, "get.lua", seconds));
            b.Add(Wrk.Measure(baseUrl + otherPath, "get.lua", seconds));
        }
        var pair = new LanguagePair(name, defaultPath, otherPath, a, b);
        Console.WriteLine($"  {name,-32} {pair.OtherRequestsPerSecond / pair.DefaultRequestsPerSecond,9:P0} of the default's req/s, p99 {pair.OtherP99Ms / pair.DefaultP99Ms:N2}×");
        return pair;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
