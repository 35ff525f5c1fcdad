using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>
/// One engine and one headless Chromium (Debian's, never a downloaded one) per test class.
/// Contexts are cheap: each test opens its own, with or without JavaScript.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public EngineHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EngineHost.StartAsync(services: RequestLog.AddTo);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string Url(string path) => new Uri(Host.BaseAddress, path).ToString();

    /// <summary>The POSTs the engine received, headers as the browser sent them.</summary>
    public RequestLog Received => Host.Services.GetRequiredService<RequestLog>();

    /// <summary>A 360 px phone with JavaScript off, in <paramref name="locale"/>.</summary>
    public static BrowserNewContextOptions Phone(string locale) => new()
    {
        JavaScriptEnabled = false,
        Locale = locale,
        ViewportSize = new() { Width = 360, Height = 740 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    /// <summary>Runs axe-core on the page (its context needs JavaScript on); each violation as a line naming <paramref name="name"/>.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page, string name, ITestOutputHelper output)
    {
        var results = await page.RunAxe();
        output.WriteLine($"{name}: {results.Violations.Length} violations, {results.Passes.Length} passes");
        return results.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepoPaths.Artifacts("screenshots"), name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
