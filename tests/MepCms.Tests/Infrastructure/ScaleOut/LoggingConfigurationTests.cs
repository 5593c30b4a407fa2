using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Infrastructure.ScaleOut;

public sealed class DevelopmentFactory : MepCmsFactory
{
    protected override string EnvironmentName => "Development";
}

public sealed class LoggingConfigurationTests(ProductionFactory production, DevelopmentFactory development)
    : IClassFixture<ProductionFactory>, IClassFixture<DevelopmentFactory>
{
    private const string Formatter = "Serilog:WriteTo:Console:Args:formatter:type";

    [Fact]
    public void Production_writes_compact_json_to_the_console()
    {
        var formatter = production.Services.GetRequiredService<IConfiguration>()[Formatter];

        Assert.StartsWith("Serilog.Formatting.Compact.RenderedCompactJsonFormatter", formatter);
    }

    [Fact]
    public void Development_writes_readable_text_to_the_console()
    {
        var formatter = development.Services.GetRequiredService<IConfiguration>()[Formatter];

        Assert.StartsWith("Serilog.Formatting.Display.MessageTemplateTextFormatter", formatter);
    }

    [Fact]
    public void Request_logging_can_use_this_apps_own_logger_rather_than_the_static_one()
    {
        // Several hosts in one process (tests, or instances side by side) each log to their own sinks.
        Assert.NotNull(production.Services.GetService<Serilog.ILogger>());
    }

    [Fact]
    public void Requests_in_flight_get_time_to_finish_on_shutdown()
    {
        var host = production.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(ShutdownSetup.Timeout, host.ShutdownTimeout);
        Assert.InRange(host.ShutdownTimeout.TotalSeconds, 10, 29); // below compose's 30 s stop_grace_period
    }
}
