using System.Net;
using MepCms.Tests.Features.Admin;
using MepCms.Tests.Support;
using Serilog.Events;

namespace MepCms.Tests.Infrastructure;

[Collection(nameof(EmbargoLoggingTests))]
public sealed class RequestLogLevelTests(LogCapturingFactory app) : IClassFixture<LogCapturingFactory>
{
    private IEnumerable<LogEvent> RequestEvents(string path) =>
        app.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\"");

    [Fact]
    public async Task A_page_built_by_the_app_logs_at_information_and_the_same_page_from_the_cache_at_debug()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var path = $"/articles/{article.Slug}";
        var reader = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/no-such-statement")).StatusCode);

        // The 404 comes last, so once it is logged, both earlier requests have been too.
        Assert.True(await app.WaitForLineAsync(l => l.Contains("/articles/no-such-statement", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Equal(LogEventLevel.Information, Assert.Single(RequestEvents(path)).Level);
    }

    [Fact]
    public async Task A_server_error_logs_at_error()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(await app.WaitForLineAsync(l => l.Contains("/error/500", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Equal(LogEventLevel.Error, Assert.Single(RequestEvents("/error/500")).Level);
    }
}
