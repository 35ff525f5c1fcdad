using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

public sealed class PageRenderingTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AHebrewPollRendersRightToLeft()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("hebrew").WithLocale("he")
            .WithTitle("איזה טעם נביא בקיץ?")
            .WithDescription("בחרו את הטעם שתרצו לראות בחנויות.")
            .WithOptionIds(("choc", "שוקולד"), ("van", "וניל"), ("straw", "תות"))
            .WithContact("optional", "שלחו לי הצעות ממותג הבדיקה. אפשר לבטל בכל עת."));
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "he-IL", ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add($"{message.Text} ({message.Location})"); };

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));

        Assert.Equal("rtl", await page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal("rtl", await page.Locator("form").EvaluateAsync<string>("f => getComputedStyle(f).direction"));
        // The stylesheet is allowed by its CSP hash: it applied, and nothing was blocked.
        Assert.Equal("rgb(31, 79, 209)", await page.Locator("button").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        // Right to left: each radio sits to the right of its label.
        var radio = await page.Locator("#option-1").BoundingBoxAsync();
        var label = await page.Locator("label[for=option-1]").BoundingBoxAsync();
        Assert.True(radio!.X > label!.X, "the radio should be on the right of its label");
        Shot(await BrowserFixture.ScreenshotAsync(page, "poll-he"));

        await page.GetByLabel("וניל").CheckAsync();
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/thanks\\?receipt="));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("document.documentElement.dir"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "thanks-he"));

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}/results"));
        var figures = page.Locator(".results li", new() { HasText = "וניל" }).Locator(".result-figures");
        await Eventually.ReturnsAsync(async () =>
        {
            var text = await figures.TextContentAsync();
            if (text?.StartsWith("קול אחד", StringComparison.Ordinal) != true) await page.ReloadAsync();
            return text;
        }, text => text?.StartsWith("קול אחד", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20), "the Hebrew results page to count the vote");
        // The bar grows from the right edge, as the text reads.
        var bar = await page.Locator(".leading svg.bar").BoundingBoxAsync();
        var fill = await page.Locator(".leading svg.bar rect").BoundingBoxAsync();
        Assert.True(Math.Abs(bar!.X + bar.Width - (fill!.X + fill.Width)) < 1, "the filled bar should start at the right");
        Shot(await BrowserFixture.ScreenshotAsync(page, "results-he"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task ErrorsTheServerFindsAreShownNextToTheFields()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("errors").WithContact("required"));
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));

        // Old browsers and scripts skip client-side validation; the server must explain itself.
        await page.Locator("form").EvaluateAsync("f => f.noValidate = true");
        await page.GetByLabel("Chocolate").CheckAsync();
        await page.Locator("#email").FillAsync("not an email <b>");
        await page.Locator("#name").FillAsync("Ana <i>");
        await page.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(new Regex($"/c/{poll.Slug}/votes$"));
        Assert.Equal("Enter a valid email address, like name@example.com.", await page.Locator("#email-error").TextContentAsync());
        Assert.Equal("not an email <b>", await page.Locator("#email").InputValueAsync());
        Assert.Equal("Ana <i>", await page.Locator("#name").InputValueAsync());
        Assert.True(await page.GetByLabel("Chocolate").IsCheckedAsync());
        Shot(await BrowserFixture.ScreenshotAsync(page, "poll-en-errors"));
    }

    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
