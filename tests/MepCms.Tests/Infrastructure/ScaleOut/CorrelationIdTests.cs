using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Logging;
using Serilog.Events;

namespace MepCms.Tests.Infrastructure.ScaleOut;

public sealed class LoggedInstance : IAsyncLifetime
{
    private readonly SharedDatabase _database = new();
    public AppInstance App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Debug for the request log: a page answered from the output cache logs at Debug (docs/decisions/0064).
        App = new AppInstance(_database.File, new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Debug",
        });
        App.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>Each request has one id, in the response header and in every log event it writes.</summary>
public sealed class CorrelationIdTests(LoggedInstance instance) : IClassFixture<LoggedInstance>
{
    [Fact]
    public async Task A_safe_incoming_correlation_id_is_answered_and_logged_with_the_request()
    {
        var id = TestData.Unique("proxy-req.42");

        var answered = await SendAsync(id);

        Assert.Equal(id, answered);
        var requestEvent = await LoggedRequestAsync(id);
        Assert.Contains("responded 200", requestEvent.RenderMessage());
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a,b")]
    [InlineData("-starts-with-a-dash")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_unsafe_or_long_incoming_id_is_replaced_by_a_new_one(string unsafeId)
    {
        var answered = await SendAsync(unsafeId);

        Assert.NotEqual(unsafeId, answered);
        Assert.Matches("^[0-9a-f]{32}$", answered);
        await LoggedRequestAsync(answered);
        Assert.DoesNotContain(instance.App.Logs.Events, e => e.Properties.Values.Any(v => v.ToString().Contains(unsafeId)));
    }

    [Fact]
    public async Task Without_an_incoming_id_every_request_gets_its_own()
    {
        var first = await SendAsync(null);
        var second = await SendAsync(null);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void New_ids_are_distinct_hex_tokens_that_pass_the_safe_id_check()
    {
        var generator = new CorrelationIds();
        var ids = Enumerable.Range(0, 10_000).AsParallel().Select(_ => generator.Next()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.All(ids, id => Assert.True(CorrelationId.IsSafe(id)));
    }

    private async Task<string> SendAsync(string? correlationId)
    {
        using var client = instance.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.Header, correlationId);
        }
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(CorrelationId.Header).Single();
    }

    /// <summary>The request's log event, written as the response ends (so possibly just after the client has it).</summary>
    private async Task<LogEvent> LoggedRequestAsync(string correlationId)
    {
        LogEvent? found = null;
        await KeyRing.EventuallyAsync(() =>
        {
            found = instance.App.Logs.Events.SingleOrDefault(e =>
                e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal) && Property(e, CorrelationId.Property) == correlationId);
            return Task.FromResult(found is not null);
        }, "the request was logged with its correlation id");
        return found!;
    }

    private static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string s } ? s : null;
}
