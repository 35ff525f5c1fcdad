using System.Text.RegularExpressions;
using CampaignEngine.Contests;
using CampaignEngine.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CampaignEngine.IntegrationTests.Contests.Contests;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>A contest on a phone with JavaScript off, in Persian (right to left): enter, get approved, vote from the gallery.</summary>
public sealed class ContestBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFanEntersAndAnotherVotesFromTheGalleryOnAPhoneWithoutJavaScriptInPersian()
    {
        var slug = await CreateAsync(browser.Host, "fa-contest", locale: "fa");
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            Locale = "fa-IR",
            ViewportSize = new() { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{slug}"));
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "contest-fa-360"));
        // An empty title is refused on the page itself, with the field named.
        await page.Locator("#title").FillAsync("   ");
        await page.Locator("form button[type=submit]").ClickAsync();
        Assert.True(await page.Locator(".error-summary").IsVisibleAsync());
        Assert.Equal("true", await page.Locator("#title").GetAttributeAsync("aria-invalid"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "contest-fa-360-refused"));

        await page.Locator("#title").FillAsync("دونات زعفرانی");
        await page.Locator("#caption").FillAsync("با پسته و گلاب.");
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));
        var id = (await WaitForEntriesAsync(browser.Host, slug, 1)).Single();
        await ModerateAsync(browser.Host, slug, "approve", [id]);

        // Another fan, on the gallery: the entry is there once the board has refreshed.
        var voter = await (await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "fa-IR", ViewportSize = new() { Width = 360, Height = 740 } })).NewPageAsync();
        await Eventually.ReturnsAsync(async () =>
        {
            await voter.GotoAsync(browser.Url($"/c/{slug}/gallery"));
            return await voter.Locator($"#entry-{id}").CountAsync();
        }, n => n == 1, TimeSpan.FromSeconds(20), "the approved entry in the gallery");
        Assert.Equal("دونات زعفرانی", await voter.Locator($"#entry-{id} h2").TextContentAsync());
        var boxes = await Task.WhenAll((await voter.Locator("h1, h2, .entry, form, button, nav").AllAsync()).Select(l => l.BoundingBoxAsync()));
        Assert.All(boxes, b => Assert.True(b is not null && b.X >= 0 && b.X + b.Width <= 360.5, $"element box {b?.X}+{b?.Width} outside 360px"));
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-gallery-fa-360"));

        await voter.Locator($"#entry-{id} button").ClickAsync();
        await voter.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));
        Assert.Equal(1, (await WaitForVotesAsync(browser.Host, slug, 1))[id]);
        await voter.GotoAsync(browser.Url($"/c/{slug}/entries/{id}"));
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-entry-fa-360"));
        await voter.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task TheContestPagesHaveNoAxeViolations(string locale)
    {
        var slug = await CreateAsync(browser.Host, "axe-contest-" + locale, new { moderation = "post" }, locale: locale);
        using (var fan = browser.Host.CreateClient()) await EnterAsync(fan, slug, "Maple pecan", "Maple glaze and crushed pecans.");
        var id = (await WaitForEntriesAsync(browser.Host, slug, 1, "approved")).Single();
        // axe runs as a script in the page, so this context has JavaScript on (the pages run none of their own here).
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        var failures = new List<string>();
        foreach (var (name, path) in new[] { ("landing", $"/c/{slug}"), ("gallery", $"/c/{slug}/gallery"), ("entry", $"/c/{slug}/entries/{id}"), ("results", $"/c/{slug}/results"), ("winners", $"/c/{slug}/winners") })
        {
            await Eventually.ReturnsAsync(async () => (await page.GotoAsync(browser.Url(path)))!.Status, s => s == 200, TimeSpan.FromSeconds(20), path);
            var results = await page.RunAxe();
            output.WriteLine($"{locale}/{name}: {results.Violations.Length} violations, {results.Passes.Length} passes");
            failures.AddRange(results.Violations.Select(v => $"{locale}/{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}"));
            Shot(await BrowserFixture.ScreenshotAsync(page, $"contest-{name}-{locale}-390"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
