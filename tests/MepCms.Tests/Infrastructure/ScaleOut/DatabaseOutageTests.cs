using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Infrastructure.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>The app with a switch that makes its database unreachable, as when the server stops.</summary>
public sealed class SwitchableDatabaseFactory : MepCmsFactory
{
    public DatabaseSwitch Switch { get; } = new();

    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Switch));
    }
}

public sealed class DatabaseOutageTests(SwitchableDatabaseFactory app) : IClassFixture<SwitchableDatabaseFactory>
{
    [Fact]
    public async Task While_the_database_is_down_pages_answer_a_friendly_503_and_the_app_recovers_when_it_is_back()
    {
        var article = await app.SaveAsync(TestData.Article(app, title: "Outage survivor"));
        using var client = app.CreateBrowserlessClient();

        app.Switch.Down = true;
        try
        {
            foreach (var path in new[] { "/", $"/articles/{article.Slug}" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.Contains("Retry-After"));
                var html = await response.Content.ReadAsStringAsync();
                var page = Html.Parse(html);
                Assert.Equal("Briefly unavailable", page.QuerySelector("h1")!.TextContent.Trim());
                Assert.Equal(response.Headers.GetValues(CorrelationId.Header).Single(), page.QuerySelector(".error-page__id code")!.TextContent);
                Assert.DoesNotContain("Sqlite", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("unable to open", html);
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            app.Switch.Down = false;
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/articles/{article.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_liveness_check_answers_without_touching_the_database()
    {
        app.Switch.Down = true;
        try
        {
            var response = await app.CreateClient().GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Healthy", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            app.Switch.Down = false;
        }
    }

    [Theory]
    [InlineData(14, true)]  // unable to open the database file
    [InlineData(5, true)]   // busy beyond the timeout
    [InlineData(10, true)]  // disk I/O error
    [InlineData(19, false)] // a violated constraint is a bug, not an outage
    public void Only_failures_of_the_database_itself_count_as_unavailable(int sqliteCode, bool unavailable)
    {
        var failure = new SqliteException("failure", sqliteCode);

        Assert.Equal(unavailable, DatabaseFailures.IsUnavailable(failure));
        Assert.Equal(unavailable, DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", failure)));
    }

    [Fact]
    public void Other_exceptions_are_not_an_outage()
    {
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.True(DatabaseFailures.IsUnavailable(new RetryLimitExceededException("gave up", new TimeoutException())));
    }
}
