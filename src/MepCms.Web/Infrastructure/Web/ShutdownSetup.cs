namespace MepCms.Web.Infrastructure.Web;

public static class ShutdownSetup
{
    /// <summary>
    /// On SIGTERM the server stops accepting connections and lets requests in flight finish for up
    /// to this long; docker compose waits 30 s (stop_grace_period) before it kills the process.
    /// Writes are single transactions, so anything cut short after that is rolled back, never half-written.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(25);

    public static IServiceCollection AddMepCmsGracefulShutdown(this IServiceCollection services) =>
        services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout);
}
