using System.Diagnostics;
using System.Globalization;
using MepCms.Benchmarks;

// The load benchmark of the public site, with --mail the e-mail benchmark, with --ep-import the EP import: see README.md ("Benchmark") and run.sh.
var options = BenchmarkOptions.Parse(args);
var repository = BenchmarkOptions.FindRepository();
var work = Directory.CreateTempSubdirectory("mepcms-bench-").FullName;
try
{
    if (args.Contains("--mail"))
    {
        // The e-mail benchmark instead: publishing with and without subscribers, and the sender's rate (MailRun.cs).
        var mailReport = await MailRun.MeasureAsync(Shell.PublishApp(repository, work), work, MailBenchmarkOptions.Parse(args));
        Console.WriteLine(mailReport);
        await Shell.SaveResultAsync(repository, "latest-mail.md", mailReport);
        return;
    }
    if (args.Contains("--ep-import"))
    {
        // The import of the full roster from saved files (EpImportRun.cs).
        var importReport = await EpImportRun.MeasureAsync(Shell.PublishApp(repository, work), work, 720);
        Console.WriteLine(importReport);
        await Shell.SaveResultAsync(repository, "latest-ep-import.md", importReport);
        return;
    }
    if (Array.IndexOf(args, "--seed-into") is var at and >= 0 && at + 1 < args.Length)
    {
        // A seeded database left in a folder, to profile a page against (run the app on it with Database__MigrateOnStartup=false).
        var folder = Directory.CreateDirectory(Path.GetFullPath(args[at + 1])).FullName;
        foreach (var (statements, ratings) in options.Sizes)
        {
            var (database, _) = await SizeRun.SeedAsync(Shell.PublishApp(repository, work), folder, statements, ratings, options.AppSettings);
            Console.WriteLine($"Seeded {statements:N0} statements and {ratings:N0} ratings into {database}");
        }
        return;
    }
    Wrk.EnsureInstalled();
    if (args.Contains("--soak"))
    {
        // The mixed load for --minutes (default 10) on the first --sizes (SoakRun.cs).
        var minutes = int.Parse(Array.IndexOf(args, "--minutes") is var m and >= 0 && m + 1 < args.Length ? args[m + 1] : "10", CultureInfo.InvariantCulture);
        var (soakStatements, soakRatings) = options.Sizes[0];
        var soak = await SoakRun.MeasureAsync(Shell.PublishApp(repository, work), work, soakStatements, soakRatings, Math.Clamp(minutes, 1, 120), options.AppSettings);
        var soakReport = soak.Render();
        Console.WriteLine(soakReport);
        await Shell.SaveResultAsync(repository, "latest-soak.md", soakReport);
        return;
    }
    var app = Shell.PublishApp(repository, work);

    var runs = new List<SizeRun>();
    foreach (var (statements, ratings) in options.Sizes)
    {
        runs.Add(await SizeRun.MeasureAsync(app, work, statements, ratings, options.Seconds, options.Warmup, options.AppSettings));
    }
    var report = Report.Render(runs, options.Seconds, options.Warmup);
    Console.WriteLine(report);
    await Shell.SaveResultAsync(repository, "latest.md", report);
}
finally
{
    Directory.Delete(work, recursive: true);
}

internal sealed record BenchmarkOptions(int Seconds, int Warmup, IReadOnlyList<(int Statements, int Ratings)> Sizes, IReadOnlyDictionary<string, string> AppSettings)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        var seconds = int.Parse(Value("--duration", "10"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Value("--warmup", "20"), CultureInfo.InvariantCulture);
        var largeRatings = int.Parse(Value("--ratings-large", "1000000"), CultureInfo.InvariantCulture);
        var sizes = Value("--sizes", "1000,100000").Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .Select(n => (n, n >= 100_000 ? largeRatings : n * 10))
            .ToList();
        // --app-setting Key=Value (repeatable): an environment variable for the app, e.g. to compare a setting.
        var settings = args.Select((a, i) => (a, i)).Where(x => x.a == "--app-setting" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1].Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1]);
        return new BenchmarkOptions(Math.Clamp(seconds, 1, 120), Math.Clamp(warmup, 0, 120), sizes, settings);
    }

    public static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MepCms.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (tests/MepCms.Benchmarks/run.sh).");
    }
}

internal static class Shell
{
    /// <summary>Publishes the app in Release into the work folder; answers its folder.</summary>
    public static string PublishApp(string repository, string work)
    {
        var app = Path.Combine(work, "app");
        Console.WriteLine("Publishing the app in Release…");
        // As the Dockerfile publishes it: compiled ahead of time for this machine (ReadyToRun).
        Run("dotnet", "publish", Path.Combine(repository, "src", "MepCms.Web"), "-c", "Release", "--use-current-runtime", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", app, "--nologo", "-v", "q");
        return app;
    }

    public static async Task SaveResultAsync(string repository, string fileName, string report)
    {
        var results = Path.Combine(repository, "tests", "MepCms.Benchmarks", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, fileName), report);
        Console.WriteLine($"Saved to {Path.GetRelativePath(repository, Path.Combine(results, fileName))}");
    }

    public static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}");
        }
    }
}
