using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.FairPlay;
using CampaignEngine.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>A poll with the proof-of-work challenge on, voted in Chromium with JavaScript on (the page solves it) and off (the fallback takes it).</summary>
public sealed class ChallengeBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private EngineHost Host => browser.Host;

    private Task<CampaignEngine.Campaigns.CampaignResponse> PollAsync(string stem) =>
        Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).With("protection", Challenges.Protection(difficulty: 12)));

    private static async Task VoteVanillaAsync(IPage page, string slug)
    {
        await page.GetByLabel("Vanilla").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{slug}/thanks\\?receipt=[A-Za-z0-9_-]+$"));
    }

    [Fact]
    public async Task ThePagesScriptSolvesTheChallengeAndTheVoteCounts()
    {
        var poll = await PollAsync("pow-js");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            output.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Type is "error" or "warning") problems.Add(message.Text);
        };
        var fetched = page.WaitForResponseAsync(r => r.Url.EndsWith($"/c/{poll.Slug}/challenge", StringComparison.Ordinal));

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        Assert.Equal(200, (await fetched).Status);
        // Solved before the fan has chosen: the solution waits in the form (the held-back case is the test below).
        await page.Locator("form input[name=ce_nonce]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await VoteVanillaAsync(page, poll.Slug);

        await Host.WaitForTotalAsync(poll.Slug, 1);
        // Counted with a solution, not under the fallback.
        Assert.Equal(0, await Challenges.UnsolvedAsync(Host, poll.Slug));
        // The policy let the solver run and fetch, and blocked nothing.
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task WithJavaScriptOffTheFallbackTakesTheVote()
    {
        var poll = await PollAsync("pow-nojs");
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        await VoteVanillaAsync(page, poll.Slug);

        await Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(1, await Challenges.UnsolvedAsync(Host, poll.Slug));
    }

    [Fact]
    public async Task ASubmitBeforeTheChallengeIsSolvedWaitsWithAStatusLineThatHasNoAxeViolations()
    {
        var poll = await PollAsync("pow-wait");
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 },
            BypassCSP = true, // axe is injected by the test
        });
        var page = await context.NewPageAsync();
        // Hold the challenge back until the status line has been looked at.
        var release = new TaskCompletionSource();
        await page.RouteAsync($"**/c/{poll.Slug}/challenge", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        await page.GetByLabel("Vanilla").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await status.WaitForAsync();
        Assert.Equal("Checking your browser, one moment…", await status.TextContentAsync());

        var results = await page.RunAxe();
        output.WriteLine($"pow-wait: {results.Violations.Length} violations, {results.Passes.Length} passes");
        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help}")));

        release.SetResult();
        await page.WaitForURLAsync(new Regex($"/c/{poll.Slug}/thanks\\?receipt="));
        await Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(0, await Challenges.UnsolvedAsync(Host, poll.Slug));
    }
}
