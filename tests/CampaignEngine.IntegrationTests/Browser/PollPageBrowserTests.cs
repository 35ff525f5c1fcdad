using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>Branded polls on a phone in right-to-left languages, a returning voter, and results that refresh themselves.</summary>
public sealed class PollPageBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static PollBuilder Branded(string stem, string locale, string title, params (string Id, string Label)[] options) =>
        new PollBuilder().UniqueSlug(stem).WithLocale(locale).WithTitle(title).WithDescription(null).WithOptionIds(options)
            .With("brand", new { accentColor = "#0b6e4f", rulesUrl = "https://brand.example/rules", privacyUrl = "https://brand.example/privacy" })
            .With("timeZone", "Asia/Jerusalem")
            .With("endsAt", new DateTimeOffset(2031, 7, 1, 18, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, string, string, string> RightToLeft => new()
    {
        { "ar", "أي نكهة نطلق هذا الصيف؟", "شوكولاتة", "poll-ar-360" },
        { "he", "איזה טעם נשיק בקיץ?", "שוקולד", "poll-he-360" },
    };

    [Theory]
    [MemberData(nameof(RightToLeft))]
    public async Task ABrandedPollFitsAPhoneInARightToLeftLanguage(string locale, string title, string first, string shot)
    {
        var poll = await browser.Host.CreateCampaignAsync(Branded("rtl" + locale, locale, title, ("a", first), ("b", "Vanilla"), ("c", "Pistachio")));
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));

        Assert.Equal("rtl", await page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal(360, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        // The brand's accent applied (its rule allowed by hash), and nothing else was blocked.
        Assert.Equal("rgb(11, 110, 79)", await page.Locator("button[type=submit]").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        var radio = await page.Locator("#option-1").BoundingBoxAsync();
        var label = await page.Locator("label[for=option-1]").BoundingBoxAsync();
        Assert.True(radio!.X > label!.X, "the radio should be on the right of its label");
        Assert.Contains("UTC+3", await page.Locator("p.meta").TextContentAsync());
        Assert.Equal(2, await page.Locator("footer.brand-links a").CountAsync());
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, shot));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AReturningVoterSeesTheirChoiceMarkedWithJavaScriptOff()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("back"));
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        await page.GetByLabel("Vanilla").CheckAsync();
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/thanks\\?receipt="));
        await browser.Host.WaitForTotalAsync(poll.Slug, 1);

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));

        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.Equal("Your choice: Vanilla", await page.Locator(".voted span").TextContentAsync());
        Assert.Contains("Vanilla", await page.Locator(".results li", new() { Has = page.Locator(".mine") }).TextContentAsync());
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "poll-returning-360"));
    }

    [Fact]
    public async Task TheResultsPageRefreshesItsStandingWhenJavaScriptIsOn()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("live"));
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        await page.GotoAsync(browser.Url($"/c/{poll.Slug}/results"));
        Assert.Equal(0, await page.Locator(".results li.leading").CountAsync());

        using var fan = browser.Host.CreateClient();
        (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "straw" })).EnsureSuccessStatusCode();
        await browser.Host.WaitForTotalAsync(poll.Slug, 1);

        // No reload: the page's own script fetches the standing again (every 10 s).
        await page.Locator(".results li.leading", new() { HasText = "Strawberry" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.StartsWith("1 vote", await page.Locator(".results li.leading .result-figures").TextContentAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
