using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>
/// The reference page at /docs in headless Chromium, with every request off the engine's own host
/// refused. What Api/ReferencePage.cs changes in Scalar's chrome for axe, and why:
/// its light and dark themes put method badges, the search placeholder, the client tabs and code
/// literals below 4.5:1 (darkened or lightened by custom CSS); its page has no lang on html (set by
/// a head script); its developer-tools toolbar, shown on localhost only, has a header with a role axe
/// refuses (hidden by option); its "Example Responses" cards are regions named by their status codes,
/// so operations with the same responses repeat a landmark name (hidden by CSS: the responses and
/// their schemas are still listed under each operation). The "Ask AI" agent and telemetry are
/// disabled because they call Scalar's servers.
/// </summary>
public sealed class ReferencePageTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task TheReferencePageHasNoAccessibilityViolationsAndNeedsNoInternet(string scheme)
    {
        await using var session = await OpenAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await Expect(session.Page.Locator("body")).ToHaveClassAsync(new Regex($"\\b{scheme}-mode\\b"));

        // Scalar renders operations as they scroll into view: check the page as it opens, and again at the vote.
        var violations = (await session.Page.RunAxe()).Violations.ToList();
        await OpenVoteAsync(session.Page);
        violations.AddRange((await session.Page.RunAxe()).Violations);

        output.WriteLine(await BrowserFixture.ScreenshotAsync(session.Page, $"docs-full-{scheme}"));
        Assert.True(violations.Count == 0, Describe(violations));
        Assert.Equal("en", await session.Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Empty(session.Outside);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheReferenceOpensOnTheIntroductionWithTheCampaignsGroupFirst()
    {
        await using var session = await OpenAsync(ColorScheme.Light);
        var page = session.Page;

        await Expect(page.GetByText("has the fields every kind shares").First).ToBeInViewportAsync();
        await Expect(page.GetByText("The admin key").First).ToBeVisibleAsync();
        var groups = (await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Open|Close) Group - ") }).AllTextContentsAsync())
            .Select(text => text.Trim()[(text.Trim().IndexOf(" - ", StringComparison.Ordinal) + 3)..]).ToList();
        Assert.Equal(["Campaigns", "Fans", "Results", "Contacts"], groups.Take(4));
        // The Campaigns group is the one open at first, with its introduction.
        await Expect(page.GetByText("move them from draft to live to closed to archived").First).ToBeVisibleAsync();

        await ShotAsync(page, "docs");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create a campaign (as a draft)" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a campaign (as a draft)" }).First).ToBeInViewportAsync();
        await ShotAsync(page, "docs-create");
        await OpenVoteAsync(page);
        await ShotAsync(page, "docs-vote");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit a campaign with a JSON merge patch (If-Match: its ETag)" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit a campaign with a JSON merge patch (If-Match: its ETag)" }).First).ToBeInViewportAsync();
        await ShotAsync(page, "docs-patch");
    }

    private static async Task OpenVoteAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Fans" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vote in a poll (form post or JSON)" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vote in a poll (form post or JSON)" }).First).ToBeInViewportAsync();
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepoPaths.Artifacts("screenshots"), name + ".png");
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
    }

    private async Task<ReferenceSession> OpenAsync(ColorScheme scheme)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ColorScheme = scheme });
        var session = new ReferenceSession(context, await context.NewPageAsync());
        await context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Authority == browser.Host.BaseAddress.Authority) await route.ContinueAsync();
            else
            {
                session.Outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        session.Page.Console += (_, message) => { if (message.Type is "error" or "warning") session.Problems.Add($"{message.Text} ({message.Location})"); };
        await session.Page.GotoAsync(browser.Url("/docs"));
        // The first load builds the OpenAPI document, which on a busy machine takes longer than the default 5 s.
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "CampaignEngine API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return session;
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(10).Select(n => $"    {n.Target}: {n.Html}"))));

    private sealed record ReferenceSession(IBrowserContext Context, IPage Page) : IAsyncDisposable
    {
        public List<string> Outside { get; } = [];
        public List<string> Problems { get; } = [];

        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }
}
