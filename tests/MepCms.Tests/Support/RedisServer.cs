using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MepCms.Tests.Support;

/// <summary>
/// A throw-away Debian redis-server on a free 127.0.0.1 port, without persistence, stopped when
/// the fixture is disposed. Without redis-server the Redis tests are skipped locally; CI sets
/// MEPCMS_REQUIRE_REDIS=1 and they fail instead.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public static string? Executable { get; } =
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static bool Required => Environment.GetEnvironmentVariable("MEPCMS_REQUIRE_REDIS") == "1";

    /// <summary>The StackExchange.Redis configuration string, or null when Redis tests are skipped.</summary>
    public string? Configuration { get; private set; }

    public async Task InitializeAsync()
    {
        if (Executable is null)
        {
            if (Required)
            {
                throw new InvalidOperationException("redis-server is required (MEPCMS_REQUIRE_REDIS=1) but not installed: apt-get install -y redis-server");
            }
            return;
        }
        var port = FreePort();
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(port);
        Configuration = $"127.0.0.1:{port}";
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a network partition; its data is kept.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets a paused server answer again, with the data it had.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process!.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await ResumeAsync(); // a paused server is killed all the same, but may not exit while stopped
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server did not listen on port {port} within 10 s");
    }
}

/// <summary>A test that needs Redis: skipped with a reason when redis-server is missing, unless CI requires it.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null && !RedisServer.Required)
        {
            Skip = "redis-server is not installed (apt-get install -y redis-server); CI requires it";
        }
    }
}
