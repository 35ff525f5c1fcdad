using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>A results page with votes held for review, as a fan sees it: Arabic, phone width, JavaScript off.</summary>
public sealed class ReviewPageBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private EngineHost Host => browser.Host;

    [Fact]
    public async Task TheHeldLineReadsRightToLeftAtPhoneWidthWithoutJavaScript()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("held-page").WithLocale("ar").With("review", new { holdSuspect = true }));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 },
            Locale = "ar",
            JavaScriptEnabled = false,
        });
        // Headless Chromium names itself HeadlessChrome: its vote carries the headless signal and is held.
        var vote = await context.APIRequest.PostAsync(browser.Url($"/c/{poll.Slug}/votes"), new() { DataObject = new { optionId = "choc" } });
        Assert.Equal(202, vote.Status);
        await Eventually.ReturnsAsync(() => Host.GetResultsAsync(poll.Slug), r => r.GetProperty("held").GetInt64() == 1, TimeSpan.FromSeconds(20), "the vote to be held");

        var page = await context.NewPageAsync();
        var meta = page.Locator(".meta").First;
        await Eventually.ReturnsAsync(async () =>
        {
            await page.GotoAsync(browser.Url($"/c/{poll.Slug}/results"));
            return await meta.InnerTextAsync();
        }, text => text.Contains("قيد المراجعة", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the held line on the rendered page");

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var box = await meta.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 360, $"the line runs off the screen: {box.X} + {box.Width}");
        output.WriteLine(await BrowserFixture.ScreenshotAsync(page, "results-held-ar-360"));

        await using var axeContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, Locale = "ar", BypassCSP = true });
        var axePage = await axeContext.NewPageAsync();
        await axePage.GotoAsync(browser.Url($"/c/{poll.Slug}/results"));
        var axe = await axePage.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }
}
