using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MepCms.Benchmarks;

/// <summary>The published app, started as its own process on a loopback port, and stopped by its id.</summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public int ProcessId => _process.Id;

    /// <summary>From the process's start to the first page it served (when <c>StartAsync</c> was given one to ask for).</summary>
    public TimeSpan? FirstPageAfter { get; private set; }

    private AppServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <param name="port">The port to listen on; a free one when null.</param>
    /// <param name="firstPage">A page to ask for every 10 ms from the moment the process starts, timing the first answer (a cold start).</param>
    public static async Task<AppServer> StartAsync(string appFolder, string databaseFile, string logFile, IReadOnlyDictionary<string, string> settings, int? port = null,
        string? firstPage = null)
    {
        var listen = port ?? FreePort();
        var dll = Path.Combine(appFolder, "MepCms.Web.dll");
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{dll}' >> '{logFile}' 2>&1"])
        {
            WorkingDirectory = appFolder,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{listen}";
        environment["ConnectionStrings__MepCms"] = $"Data Source={databaseFile}";
        environment["Database__Provider"] = "Sqlite";
        environment["Site__PublicUrl"] = $"http://127.0.0.1:{listen}";
        environment["Admin__Email"] = "benchmark@example.test";
        environment["Admin__PasswordFile"] = Path.Combine(Path.GetDirectoryName(databaseFile)!, "admin-password.txt");
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var server = new AppServer(Process.Start(start)!, listen);
        if (firstPage is not null)
        {
            await server.WaitForFirstPageAsync(firstPage, clock);
        }
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>VmHWM: the most resident memory the server has used so far, in MB.</summary>
    public double PeakMemoryMegabytes() => StatusMegabytes("VmHWM:");

    /// <summary>VmRSS: the server's resident memory now, in MB.</summary>
    public double ResidentMemoryMegabytes() => StatusMegabytes("VmRSS:");

    private double StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    private async Task WaitForFirstPageAsync(string path, Stopwatch clock)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync($"{BaseUrl}{path}")).StatusCode == HttpStatusCode.OK)
                {
                    FirstPageAfter = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped at start (exit code {_process.ExitCode}); see its log.");
            }
            try
            {
                if ((await client.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not answer /health within a minute.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
