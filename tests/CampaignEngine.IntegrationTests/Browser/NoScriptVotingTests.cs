using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

public sealed class NoScriptVotingTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFanVotesWithJavaScriptOffAndSeesTheVoteCounted()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("nojs").WithContact("optional"));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            Locale = "en-GB",
            ViewportSize = new() { Width = 1024, Height = 768 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "poll-en"));
        await page.GetByLabel("Vanilla").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

        await page.WaitForURLAsync(new Regex($"/c/{poll.Slug}/thanks\\?receipt=[A-Za-z0-9_-]+$"));
        Assert.Equal("Thank you for voting!", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        Shot(await BrowserFixture.ScreenshotAsync(page, "thanks-en"));

        await page.GetByRole(AriaRole.Link, new() { Name = "See the results" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{poll.Slug}/results$"));
        // The tally is written by a queue listener: reload until it shows, within a deadline.
        var vanilla = page.Locator(".results li", new() { HasText = "Vanilla" }).Locator(".result-figures");
        await Eventually.ReturnsAsync(async () =>
        {
            var text = await vanilla.TextContentAsync();
            if (text?.StartsWith("1 vote", StringComparison.Ordinal) != true) await page.ReloadAsync();
            return text;
        }, text => text?.StartsWith("1 vote", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20), "the results page to count the vote");

        Assert.Equal("1 vote · 100.0%", await vanilla.TextContentAsync());
        Assert.Contains("Total votes: 1", await page.Locator(".meta").First.TextContentAsync());
        Shot(await BrowserFixture.ScreenshotAsync(page, "results-en"));
    }

    [Fact]
    public async Task ThePollPageFitsAPhoneScreen()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("mobile").WithContact("optional")
            .WithTitle("Which flavour should we bring to the summer menu next year?"));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));

        // Nothing sticks out sideways: the widest element ends inside the viewport (the form token's hidden field has no box).
        var boxes = await Task.WhenAll((await page.Locator("h1, form, fieldset, .option, input:not([type=hidden]), button").AllAsync()).Select(l => l.BoundingBoxAsync()));
        Assert.All(boxes, b => Assert.True(b is not null && b.X >= 0 && b.X + b.Width <= 390.5, $"element box {b?.X}+{b?.Width} outside 390px"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "poll-en-mobile-390"));
    }

    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
