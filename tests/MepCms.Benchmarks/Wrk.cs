using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MepCms.Benchmarks;

internal sealed record Measurement(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Ok, long Errors)
{
    public double OkPerSecond(double seconds) => Ok / seconds;
}

/// <summary>Runs wrk (installed from apt when missing) with one of our Lua scripts.</summary>
internal static partial class Wrk
{
    public const int Connections = 32;

    public static void EnsureInstalled()
    {
        if (Run("/bin/sh", "-c", "command -v wrk").ExitCode == 0)
        {
            return;
        }
        Console.WriteLine("wrk is missing: installing it from apt");
        var install = Run("/bin/sh", "-c", "(apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) > /dev/null");
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException("wrk could not be installed; install it with: apt-get install -y wrk");
        }
    }

    public static Measurement Measure(string url, string script, int seconds, IDictionary<string, string>? environment = null, int connections = Connections)
    {
        var luaFolder = Path.Combine(AppContext.BaseDirectory, "lua");
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "-s", Path.Combine(luaFolder, script), url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BENCH_LUA_DIR"] = luaFolder;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = ResultLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk gave no result for {url}:\n{output}");
        }
        long Value(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var elapsed = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        return new Measurement(Value("requests") / elapsed, Value("p50") / 1000.0, Value("p99") / 1000.0, Value("requests"), Value("ok"), Value("errors"));
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) seconds=(?<seconds>[\d.]+) ok=(?<ok>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+) errors=(?<errors>\d+)")]
    private static partial Regex ResultLine();
}
