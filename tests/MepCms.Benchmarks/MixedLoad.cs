using Microsoft.Data.Sqlite;

namespace MepCms.Benchmarks;

/// <summary>
/// Readers across the site while others write: 30 connections reading statements (a spread over
/// 1,000 of them), the home page, MEP and committee pages, (a) alone, (b) beside 2 connections
/// posting ratings to a statement that does not exist (the same request cost, a 404, nothing
/// evicted), (c) beside 2 connections rating random statements (each vote evicts the pages that
/// show its figures). What the design costs is (c) against (b).
/// </summary>
internal sealed record MixedLoad(Measurement Alone, Measurement BesideMissing, Measurement Writes404, Measurement BesideRatings, Measurement Ratings, string VoteCheck)
{
    public const int ReadConnections = 30;
    public const int WriteConnections = 2;

    /// <summary>Reads in (c) keep at least 90 % of (b) and a p99 within 25 ms; every accepted vote is stored.</summary>
    public bool Met(bool votesKept) => BesideRatings.RequestsPerSecond >= 0.9 * BesideMissing.RequestsPerSecond && BesideRatings.P99Ms <= 25 && votesKept;

    public static async Task<(MixedLoad Load, bool VotesKept)> MeasureAsync(AppServer server, string database, string folder, int statements, int seconds, int warmup)
    {
        var (readEnvironment, ratingEnvironment, chosen) = await EnvironmentsAsync(server, folder, statements);
        var missingEnvironment = new Dictionary<string, string> { ["BENCH_RATING_PATH"] = "/articles/no-such-statement/rating", ["BENCH_ORIGIN"] = server.BaseUrl };

        Wrk.Measure(server.BaseUrl + "/", "mixed.lua", warmup, readEnvironment, ReadConnections);
        var alone = Wrk.Measure(server.BaseUrl + "/", "mixed.lua", seconds, readEnvironment, ReadConnections);
        Print("mixed reads alone", alone);
        var (besideMissing, missing) = await BesideAsync(server, seconds, readEnvironment, missingEnvironment);
        Print("mixed reads beside 404 POSTs", besideMissing);
        var before = Votes(database);
        var (besideRatings, ratings) = await BesideAsync(server, seconds, readEnvironment, ratingEnvironment);
        Print("mixed reads beside ratings", besideRatings);
        await Task.Delay(TimeSpan.FromSeconds(2)); // votes in flight when wrk stopped
        var after = Votes(database);
        var (check, kept) = CheckVotes(before, after, ratings.Ok, WriteConnections);
        return (new MixedLoad(alone, besideMissing, missing, besideRatings, ratings, $"on {chosen.Count:N0} statements: {check}"), kept);
    }

    /// <summary>
    /// The readers' paths (1,000 statements spread over the seed, the home page, every MEP and
    /// committee page) and the raters' (the same statements), written to files for wrk's scripts.
    /// </summary>
    public static async Task<(Dictionary<string, string> Reads, Dictionary<string, string> Ratings, IReadOnlyList<int> Statements)> EnvironmentsAsync(
        AppServer server, string folder, int statements)
    {
        var random = new Random(2026);
        var chosen = Enumerable.Range(0, Math.Min(1000, statements)).Select(i => 1 + (int)((long)i * statements / Math.Min(1000, statements))).ToList();
        var reads = chosen.Select(id => $"/articles/{BulkSeeder.Slug(id)}")
            .Concat(Enumerable.Repeat("/", 100))
            .Concat(Enumerable.Range(1, BulkSeeder.Authors).SelectMany(i => Enumerable.Repeat($"/meps/mep-{i:D3}", 2)))
            .Concat(Enumerable.Range(1, BulkSeeder.Committees).SelectMany(i => Enumerable.Repeat($"/committees/committee-{i:D2}", 5)))
            .OrderBy(_ => random.Next()).ToList();
        var readPaths = Path.Combine(folder, "mixed-reads.txt");
        var ratePaths = Path.Combine(folder, "mixed-ratings.txt");
        await File.WriteAllLinesAsync(readPaths, reads);
        await File.WriteAllLinesAsync(ratePaths, chosen.Select(id => $"/articles/{BulkSeeder.Slug(id)}/rating"));
        return (new Dictionary<string, string> { ["BENCH_PATHS_FILE"] = readPaths },
            new Dictionary<string, string> { ["BENCH_PATHS_FILE"] = ratePaths, ["BENCH_ORIGIN"] = server.BaseUrl }, chosen);
    }

    public static async Task<(Measurement Reads, Measurement Writes)> BesideAsync(AppServer server, int seconds, IDictionary<string, string> readEnvironment, IDictionary<string, string> writeEnvironment)
    {
        var writes = Task.Run(() => Wrk.Measure(server.BaseUrl + "/", "rate-random.lua", seconds, writeEnvironment, WriteConnections));
        var reads = Task.Run(() => Wrk.Measure(server.BaseUrl + "/", "mixed.lua", seconds, readEnvironment, ReadConnections));
        return (await reads, await writes);
    }

    private static void Print(string name, Measurement m) =>
        Console.WriteLine($"  {name,-32} {m.RequestsPerSecond,10:N0} req/s  p50 {m.P50Ms,6:N2} ms  p99 {m.P99Ms,6:N2} ms");

    /// <summary>
    /// Every accepted vote stored and the aggregates equal to the ratings table. wrk stops with up to
    /// one request per connection in flight (<paramref name="inFlight"/> in all): the server may store
    /// those without wrk counting their answers, never the other way round.
    /// </summary>
    public static (string Check, bool Kept) CheckVotes((long Rows, long Aggregated) before, (long Rows, long Aggregated) after, long accepted, long inFlight)
    {
        var stored = after.Rows - before.Rows;
        var consistent = after.Rows == after.Aggregated;
        var kept = stored >= accepted && stored <= accepted + inFlight && consistent;
        return ($"{accepted:N0} votes accepted (2xx), {stored:N0} stored; aggregates {(consistent ? "equal" : "DIFFER FROM")} the ratings table → {(kept ? "none lost" : "VOTES LOST OR INVENTED")}", kept);
    }

    public static (long Rows, long Aggregated) Votes(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM Ratings), (SELECT SUM(RatingCount) FROM Statements)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
