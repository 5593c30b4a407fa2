using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MepCms.Tests.Support;

/// <summary>
/// One instance of the app on a real Kestrel port, on a database file that other instances may
/// share (and a Redis, when given), the way several containers run behind a proxy.
/// </summary>
public sealed class AppInstance : MepCmsFactory
{
    private readonly string _databaseFile;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public AppInstance(string databaseFile, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _databaseFile = databaseFile;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        ListenOnLoopback();
    }

    /// <summary>Every log event the instance wrote (Serilog reads sinks from the services).</summary>
    public LogCapture Logs { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:MepCms"] = $"Data Source={_databaseFile}";
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }
}

/// <summary>A folder with one database file for several instances; deleted at the end.</summary>
public sealed class SharedDatabase : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mepcms-tests", "shared-" + Guid.NewGuid().ToString("N"));

    public SharedDatabase() => Directory.CreateDirectory(Folder);

    public string File => Path.Combine(Folder, "mepcms.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}

/// <summary>Makes the database unreachable while <see cref="Down"/> is on, as when the server is stopped.</summary>
public sealed class DatabaseSwitch : DbConnectionInterceptor
{
    public volatile bool Down;

    public override InterceptionResult ConnectionOpening(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Down ? throw Unreachable() : result;

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Down ? throw Unreachable() : ValueTask.FromResult(result);

    private static SqliteException Unreachable() => new("SQLite Error 14: 'unable to open database file'.", 14);
}
