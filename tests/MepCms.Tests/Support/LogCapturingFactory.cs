using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MepCms.Tests.Support;

/// <summary>The app with information-level logging captured in memory, to check what the logs contain.</summary>
public class LogCapturingFactory : MepCmsFactory
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    /// <summary>Every captured event as text: the rendered message and all its properties.</summary>
    public IEnumerable<string> Lines => Events.Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")));

    /// <summary>Request events are written after the response is sent: wait (bounded) until one matches.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Lines.Any(match))
        {
            try { await Task.Delay(20, cancel.Token); } catch (TaskCanceledException) { return false; }
        }
        return true;
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Serilog:MinimumLevel:Default"] = "Information";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new Sink(Events)));
    }

    private sealed class Sink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
