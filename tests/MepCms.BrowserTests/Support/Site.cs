using Microsoft.Playwright;

namespace MepCms.BrowserTests.Support;

/// <summary>
/// One app and one Chromium for the whole browser test collection; each test opens its own browser
/// context (fresh cookies, its own viewport) with <see cref="NewContextAsync"/>.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    private KestrelApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The running app's services, for tests that set up data (staff accounts) the way the app does.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The folder of the .eml files the app "sends".</summary>
    public string MailFolder => _app!.MailFolder;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return; // each test then skips (or fails under CI) with the install hint
        }
        _app = new KestrelApp();
        BaseAddress = _app.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = Chromium.Arguments,
            Headless = true,
        });
    }

    /// <summary>
    /// A new browser context on the app, as wide as a phone or a desktop screen. With
    /// <paramref name="enforceCsp"/> the page's Content-Security-Policy applies (axe-core cannot be injected then).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, bool javaScriptEnabled = true, bool enforceCsp = false,
        ColorScheme colorScheme = ColorScheme.Light)
    {
        Chromium.SkipOrFailWhenMissing();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            JavaScriptEnabled = javaScriptEnabled,
            ColorScheme = colorScheme,
            // axe-core is injected as a script tag; a strict Content-Security-Policy must not stop it.
            BypassCSP = !enforceCsp,
        });
        // Generous: the machine running the tests may be busy building something else.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>A new page in a new context; disposing the context closes it.</summary>
    public async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<Site>
{
    public const string Name = "Site in Chromium";
}
