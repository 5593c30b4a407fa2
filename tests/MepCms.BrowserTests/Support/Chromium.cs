namespace MepCms.BrowserTests.Support;

/// <summary>
/// Debian's Chromium, the one browser these tests drive (never a downloaded one); CHROME_PATH names
/// another Chromium binary, as for Lighthouse. On a developer machine without it the tests are skipped
/// with a hint; where MEPCMS_REQUIRE_BROWSER=1 (CI) they fail.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROME_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string InstallHint =>
        $"Chromium is not installed at {ExecutablePath}: run `apt-get install chromium` to run the browser tests.";

    /// <summary>Headless in a container, and no traffic of the browser's own beside the page's.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable("MEPCMS_REQUIRE_BROWSER") == "1";

    /// <summary>Called first by every browser test.</summary>
    public static void SkipOrFailWhenMissing()
    {
        if (IsInstalled)
        {
            return;
        }
        if (IsRequired)
        {
            throw new InvalidOperationException(InstallHint + " MEPCMS_REQUIRE_BROWSER=1 makes a missing browser a failure.");
        }
        Skip.If(true, InstallHint);
    }
}
