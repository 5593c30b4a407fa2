using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MepCms.Benchmarks;

/// <summary>The Markdown the e-mail benchmark prints and saves.</summary>
internal static class MailReport
{
    private const double PublishTargetMs = 200;
    private const double SenderTarget = 200;

    public static string Render(MailRunResult run, MailBenchmarkOptions options, string loadAverage)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var n = run.Subscribers;
        text.AppendLine(invariant, $"# MepCms e-mail benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(invariant, $"""
            The app (Release, SQLite, `Mail:Transport=Smtp`), the benchmark and its SMTP sink share one
            {Environment.ProcessorCount}-core machine over loopback. On a shared machine the figures are noisy: a build or test
            run beside it can double a time, so read them with the load average given below.
            An editor publishes draft statements one after the other with "Publish now": each row times
            the POST alone (the edit page with its antiforgery token is fetched first, untimed), and
            the time until the statement is live with its alerts queued (the go-live pass, woken by the
            publish, does that after the answer); the next POST waits for that. After
            {options.WarmupPublishes} untimed publishes. The subscribers are {n:N0} confirmed addresses that chose nothing,
            so every statement alerts all of them. Order: first a fresh database without subscribers;
            then one with {n:N0}, where another instance holds the sender's lease while the statements
            are published, so that row is the publish request alone (the alerts are queued, none sent);
            then the queued alerts are deleted, the lease released and one more statement published, whose
            {n:N0} alerts alone are counted by the sink; last, the publish row again while the sender
            delivers the alerts of the statement before. Load average (1, 5, 15 min): {loadAverage}.
            """);
        text.AppendLine();
        text.AppendLine("| publish POST | n | p50 ms | p99 ms | max ms | p50 vs 0 subscribers | publish → live p50 / p99 ms | messages sent meanwhile | target | met |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        var zero = run.Publishes[0].P50;
        foreach (var row in run.Publishes)
        {
            var met = row.P99 < PublishTargetMs ? "yes" : "**no**";
            var meanwhile = string.Create(invariant, $"{row.MessagesMeanwhile:N0} in {row.Seconds:N1} s");
            text.AppendLine(invariant, $"| {row.Name} | {row.Ms.Count} | {row.P50:N1} | {row.P99:N1} | {row.Max:N1} | {row.P50 / zero:N2}× | {row.LiveP50:N0} / {row.LiveP99:N0} | {meanwhile} | p99 < {PublishTargetMs:N0} ms | {met} |");
        }
        var sender = run.Sender;
        var count = sender.Count;
        var allArrived = !sender.TimedOut && count.Messages == n && count.Recipients == n;
        text.AppendLine();
        text.AppendLine("| sender, one statement | value | target | met |");
        text.AppendLine("| --- | ---: | --- | --- |");
        text.AppendLine(invariant, $"| publish POST that queued them | {sender.PublishMs:N1} ms | < {PublishTargetMs:N0} ms | {(sender.PublishMs < PublishTargetMs ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| alerts queued in the database | {sender.Queued:N0} | {n:N0} | {(sender.Queued == n ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| messages received by the sink | {count.Messages:N0}{(sender.TimedOut ? $" (timed out after {options.Timeout.TotalSeconds:N0} s)" : "")} | {n:N0}, one per subscriber | {(allArrived ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| distinct recipients | {count.Recipients:N0} | {n:N0} | {(count.Recipients == n ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| recorded as sent in the database | {sender.RecordedSent:N0} | {count.Messages:N0} | {(sender.RecordedSent == count.Messages ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| seconds, first to last message | {count.Span.TotalSeconds:N1} | | |");
        text.AppendLine(invariant, $"| messages per second | {count.PerSecond:N0} | ≥ {SenderTarget:N0} | {(count.PerSecond >= SenderTarget && allArrived ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| seconds, publish to last message | {sender.PublishToLast.TotalSeconds:N1} | | |");
        var perSession = count.Sessions > 0 ? (double)count.Messages / count.Sessions : 0;
        text.AppendLine(invariant, $"| SMTP sessions that carried them | {count.Sessions:N0} ({perSession:N0} messages each) | reused, not one per message | {(perSession >= 10 ? "yes" : "**no**")} |");
        text.AppendLine(invariant, $"| SMTP sessions opened meanwhile (health checks included) | {count.SessionsOpened:N0} | | |");
        text.AppendLine();
        text.AppendLine(invariant, $"Seeding {n:N0} subscribers took {run.SeedTime.TotalSeconds:N1} s.");
        AppendLog(text, run.AppLog);
        return text.ToString();
    }

    /// <summary>The app's warnings and errors, one line per kind with how often it came.</summary>
    private static void AppendLog(StringBuilder text, IReadOnlyList<string> lines)
    {
        var invariant = CultureInfo.InvariantCulture;
        var kinds = lines.Select(Parse).GroupBy(e => (e.Level, e.Message)).OrderByDescending(g => g.Count()).ToList();
        text.AppendLine();
        text.AppendLine(invariant, $"App log: {lines.Count} warning(s) or error(s){(kinds.Count > 0 ? ":" : ".")}");
        foreach (var kind in kinds.Take(10))
        {
            text.AppendLine(invariant, $"- {kind.Count()} × {kind.Key.Level}: {kind.Key.Message}");
        }
    }

    private static (string Level, string Message) Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var level = root.TryGetProperty("@l", out var l) ? l.GetString() ?? "" : "";
            var message = root.TryGetProperty("@m", out var m) ? m.GetString() ?? "" : "";
            var exception = root.TryGetProperty("@x", out var x) ? " (" + (x.GetString() ?? "").Split('\n')[0].Trim() + ")" : "";
            return (level, Clip((message + exception).ReplaceLineEndings(" ")));
        }
        catch (JsonException)
        {
            return ("?", Clip(line));
        }
    }

    private static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
