using System.Net;
using Microsoft.Data.Sqlite;

namespace MepCms.Benchmarks;

internal sealed record EndpointResult(string Name, string Path, Measurement? Result, string? Missing, string Target, Func<Measurement, double, bool>? Met);

/// <summary>One database size: seed, start the app, measure the baseline and every route, check the votes.</summary>
internal sealed record SizeRun(int Statements, int Ratings, TimeSpan SeedTime, Measurement BaselineResult,
    IReadOnlyList<EndpointResult> Endpoints, double PeakMemoryAfterArticleMb, double PeakMemoryMb, string VoteCheck, TimeSpan? ColdStart,
    MixedLoad? Mixed, bool MixedVotesKept, IReadOnlyList<LanguagePair> Languages)
{
    private const string Article = "/articles/statement-000001";
    private const string DutchArticle = "/nl/articles/" + BulkSeeder.DutchSlugPrefix + "000001";

    public static async Task<SizeRun> MeasureAsync(string appFolder, string work, int statements, int ratings, int seconds, int warmup, IReadOnlyDictionary<string, string> appSettings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, $"size-{statements}")).FullName;
        var (database, seedTime) = await SeedAsync(appFolder, folder, statements, ratings, appSettings);
        var log = Path.Combine(folder, "app.log");

        // A cold start on the existing database: from the process's start to the first statement page served.
        await using var server = await AppServer.StartAsync(appFolder, database, log, WebSettings(appSettings), firstPage: Article);
        Console.WriteLine($"[{statements:N0} statements] first page {server.FirstPageAfter?.TotalMilliseconds:N0} ms after the process started");
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var html = await client.GetByteArrayAsync(Article);
        var baselinePort = AppServer.FreePort();
        await using var baseline = await Baseline.StartAsync(html, baselinePort);
        var baselineResult = Measured("baseline", $"http://127.0.0.1:{baselinePort}/", "get.lua", seconds, warmup);

        var endpoints = new List<EndpointResult>();
        var pages = new (string Name, string Path, string Script, string Target, Func<Measurement, double, bool>? Met)[]
        {
            ("article page", Article, "get.lua", "≥ 60 % of baseline, p99 < 25 ms", (m, b) => m.RequestsPerSecond >= 0.6 * b && m.P99Ms < 25),
            // For comparison only: the baseline sends the plain bytes, this row a browser's Brotli copy.
            ("article page, Accept-Encoding: br", Article, "get-br.lua", "none (as a browser asks)", null),
            ("home page", "/", "get.lua", "≥ 40 % of baseline", (m, b) => m.RequestsPerSecond >= 0.4 * b),
            ("MEP page", "/meps/mep-001", "get.lua", "≥ 40 % of baseline", (m, b) => m.RequestsPerSecond >= 0.4 * b),
            ("committee page", "/committees/committee-01", "get.lua", "≥ 40 % of baseline", (m, b) => m.RequestsPerSecond >= 0.4 * b),
            ("RSS feed", "/feed.xml", "get.lua", "≥ 40 % of baseline", (m, b) => m.RequestsPerSecond >= 0.4 * b),
            ("search, varied queries", "/search?q=energy", "search.lua", "≥ 500 req/s", (m, _) => m.RequestsPerSecond >= 500),
        };
        double peakAfterArticle = 0;
        foreach (var page in pages)
        {
            var status = (await client.GetAsync(page.Path)).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                endpoints.Add(new EndpointResult(page.Name, page.Path, null, $"n/a ({(int)status})", page.Target, null));
                continue;
            }
            endpoints.Add(new EndpointResult(page.Name, page.Path, Measured(page.Name, server.BaseUrl + page.Path, page.Script, seconds, warmup), null, page.Target, page.Met));
            if (page.Path == Article)
            {
                peakAfterArticle = server.PeakMemoryMegabytes();
            }
        }

        // The same pages in another language: within 10 % of the default language's (issue 17), measured in turns.
        var languages = new List<LanguagePair>();
        foreach (var (name, english, dutch) in new[] { ("home page, Dutch", "/", "/nl/"), ("article page, Dutch version", Article, DutchArticle) })
        {
            if ((await client.GetAsync(dutch)).StatusCode == HttpStatusCode.OK)
            {
                languages.Add(LanguagePair.Measure(name, server.BaseUrl, english, dutch, seconds, warmup));
            }
        }
        var (mixed, mixedVotesKept) = await MixedLoad.MeasureAsync(server, database, folder, statements, seconds, warmup);
        var (ratingResult, voteCheck) = await MeasureRatingsAsync(server, client, database, seconds, warmup);
        endpoints.Add(ratingResult);
        return new SizeRun(statements, ratings, seedTime, baselineResult, endpoints, peakAfterArticle, server.PeakMemoryMegabytes(), voteCheck, server.FirstPageAfter,
            mixed, mixedVotesKept, languages);
    }

    /// <summary>
    /// The web instance's settings on a migrated database (as compose's web instances are, by their
    /// own migrate step). wrk's connections all come from one address: the per-address rating limit
    /// is lifted, so the rating rows measure the rating path, not the limiter (a setting given on
    /// the command line wins).
    /// </summary>
    public static Dictionary<string, string> WebSettings(IReadOnlyDictionary<string, string> appSettings)
    {
        var webSettings = new Dictionary<string, string>
        {
            ["Database__MigrateOnStartup"] = "false",
            ["Ratings__RateLimit__TokenLimit"] = "100000000",
            ["Ratings__RateLimit__TokensPerPeriod"] = "100000000",
        };
        foreach (var (key, value) in appSettings)
        {
            webSettings[key] = value;
        }
        return webSettings;
    }

    /// <summary>Migrates an empty database in <paramref name="folder"/> with the app itself, then seeds it; answers its file and the seed's time.</summary>
    public static async Task<(string Database, TimeSpan SeedTime)> SeedAsync(string appFolder, string folder, int statements, int ratings, IReadOnlyDictionary<string, string> appSettings)
    {
        var database = Path.Combine(folder, $"mepcms-{statements}.db");
        Console.WriteLine($"[{statements:N0} statements] migrating an empty database…");
        await (await AppServer.StartAsync(appFolder, database, Path.Combine(folder, "app.log"), appSettings)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"[{statements:N0} statements] seeding {statements:N0} statements and {ratings:N0} ratings…");
        var seedTime = BulkSeeder.Seed(database, statements, ratings, DateTime.UtcNow);
        Console.WriteLine($"[{statements:N0} statements] seeded in {seedTime.TotalSeconds:N1} s");
        return (database, seedTime);
    }

    private static async Task<(EndpointResult, string)> MeasureRatingsAsync(AppServer server, HttpClient client, string database, int seconds, int warmup)
    {
        const string name = "rating POSTs, distinct readers";
        const string target = "≥ 3,000 accepted/s, none lost";
        var path = Article + "/rating";
        using var probe = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("score", "4")]) };
        probe.Headers.Add("Origin", server.BaseUrl);
        probe.Headers.Add("Accept", "application/json");
        var status = (await client.SendAsync(probe)).StatusCode;
        if (!((int)status is >= 200 and < 400))
        {
            return (new EndpointResult(name, path, null, $"n/a ({(int)status})", target, null), "not run: the rating route does not answer");
        }
        var environment = new Dictionary<string, string>
        {
            ["BENCH_RATING_PATH"] = path,
            ["BENCH_ORIGIN"] = server.BaseUrl,
        };
        Warm(server.BaseUrl + path, "rate.lua", warmup, environment);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the warm-up's last requests
        var before = StoredVotes(database);
        var result = Measured(name, server.BaseUrl + path, "rate.lua", seconds, 0, environment);
        await Task.Delay(TimeSpan.FromSeconds(2)); // requests in flight when wrk stopped
        var after = StoredVotes(database);
        var stored = after.Rows - before.Rows;
        var consistent = after.Rows == after.Count;
        // wrk stops with up to one request per connection in flight: the server may store those
        // without wrk counting their answers, never the other way round.
        var noneLost = stored >= result.Ok && stored <= result.Ok + Wrk.Connections && consistent;
        var check = $"{result.Ok:N0} votes accepted (2xx), {stored:N0} stored; aggregate {(consistent ? "equals" : "DIFFERS FROM")} the ratings table → {(noneLost ? "none lost" : "VOTES LOST OR INVENTED")}";
        var met = new Func<Measurement, double, bool>((m, _) => m.Ok / (m.Requests / m.RequestsPerSecond) >= 3000 && noneLost);
        return (new EndpointResult(name, path, result, null, target, met), check);
    }

    private static (long Rows, long Count) StoredVotes(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM Ratings WHERE StatementId = 1), (SELECT RatingCount FROM Statements WHERE Id = 1)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static Measurement Measured(string name, string url, string script, int seconds, int warmup, IDictionary<string, string>? environment = null)
    {
        Warm(url, script, warmup, environment);
        var result = Wrk.Measure(url, script, seconds, environment);
        Console.WriteLine($"  {name,-32} {result.RequestsPerSecond,10:N0} req/s  p50 {result.P50Ms,6:N2} ms  p99 {result.P99Ms,6:N2} ms");
        return result;
    }

    /// <summary>
    /// The same load, unmeasured, until the server runs its optimised code: .NET compiles a hot
    /// method again with full optimisation only after it has run a while, and on two busy cores
    /// that takes seconds (the rating POST ran at a third of its later speed for its first ~20 s, a
    /// search at half for its first ~20 s).
    /// </summary>
    private static void Warm(string url, string script, int seconds, IDictionary<string, string>? environment)
    {
        if (seconds > 0)
        {
            Wrk.Measure(url, script, seconds, environment);
        }
    }
}
