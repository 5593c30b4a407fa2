using System.Diagnostics;
using MepCms.Tests.Infrastructure;

namespace MepCms.Tests.Support;

/// <summary>Runs the web project's own build output with a command (<c>migrate</c>, <c>import-ep</c>), the way the container's entry point does.</summary>
public static class WebCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(SharedDatabase database, IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null,
        string? connectionString = null)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
        var folder = Path.Combine(DeploymentTests.Root, "src", "MepCms.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__MepCms"] = connectionString ?? $"Data Source={database.File}",
                ["Database__Provider"] = "Sqlite",
                ["Database__MigrateOnStartup"] = "false",
                ["Admin__Email"] = MepCmsFactory.AdminEmail,
                ["Admin__Password"] = MepCmsFactory.AdminPassword,
                ["Admin__PasswordFile"] = Path.Combine(database.Folder, "password.txt"),
                ["Media__Folder"] = Path.Combine(database.Folder, "media"),
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        start.ArgumentList.Add(Path.Combine(folder, "MepCms.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', args)} did not exit within 90 s: a command must not start the web server");
        }
        return (process.ExitCode, await output + await error);
    }
}
