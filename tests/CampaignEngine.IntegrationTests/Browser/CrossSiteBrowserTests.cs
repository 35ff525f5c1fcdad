using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Pages.Localization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>
/// What real Chromium sends when a fan votes on the page, inside a listed embedder's frame, from the
/// embedder's own form and from a page on another site, and what the engine makes of it. The other
/// sites' pages are served by Playwright (no network); the engine runs on http://127.0.0.1.
/// </summary>
public sealed class CrossSiteBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Shop = "https://shop.example";
    private const string Evil = "https://evil.example";

    private string Ours => browser.Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Serves <paramref name="html"/> at <paramref name="url"/>, as another site would. Its referrer
    /// policy is <c>origin</c> only because these https pages post to an http engine: under the default
    /// policy a browser sends <c>Origin: null</c> on that downgrade, which in production (https on both
    /// sides) does not happen.
    /// </summary>
    private static Task ServeAsync(IBrowserContext context, string url, string html) =>
        context.RouteAsync(url, route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/html; charset=utf-8", Body = html,
            Headers = new Dictionary<string, string> { ["Referrer-Policy"] = "origin" },
        }));

    /// <summary>The one vote of a campaign the engine received, with the headers Chromium sent.</summary>
    private ReceivedRequest Received(string slug)
    {
        var vote = Assert.Single(browser.Received.PostsTo($"/c/{slug}/votes"));
        output.WriteLine("Chromium sent: " + string.Join(", ", new[] { "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "origin", "referer" }
            .Select(h => $"{h}: {vote.Header(h) ?? "(none)"}")));
        return vote;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFanVotesThroughThePageWithJavaScriptOnOrOff(bool javaScript)
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(javaScript ? "js" : "nojs"));
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{poll.Slug}"));
        await page.GetByLabel("Vanilla").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

        await page.WaitForURLAsync(new Regex($"/c/{poll.Slug}/thanks\\?receipt="));
        var sent = Received(poll.Slug);
        Assert.Equal("same-origin", sent.Header("sec-fetch-site"));
        Assert.Equal(Ours, sent.Header("origin"));
        await browser.Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task APageOnAnotherSiteCannotMakeAVisitorsBrowserVote()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forged").WithContact("optional"));
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        await ServeAsync(context, Evil + "/prize", $"""
            <!doctype html><title>Win a prize</title>
            <form method="post" action="{browser.Url($"/c/{poll.Slug}/votes")}">
            <input type="hidden" name="optionId" value="choc"><input type="hidden" name="email" value="victim@example.com">
            <input type="hidden" name="consent" value="yes"><button>Claim your prize</button></form>
            """);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Evil + "/prize");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Claim your prize" }).ClickAsync(), r => r.Url.EndsWith("/votes", StringComparison.Ordinal));

        Assert.Equal(403, answer.Status);
        var sent = Received(poll.Slug);
        Assert.Equal("cross-site", sent.Header("sec-fetch-site"));
        Assert.Equal(Evil, sent.Header("origin"));
        Assert.Equal(CampaignEngine.Pages.Localization.KindStrings.Embedded<CampaignEngine.Polls.PollKind>().For("en")["message_cross_site_title"], await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        Assert.Empty(await context.CookiesAsync([Ours]));
        // A vote on the page itself is then the only one counted, and no contact was kept.
        using var fan = browser.Host.CreateClient();
        await Pages.Html.PostFormAsync(fan, $"/c/{poll.Slug}/votes", ("optionId", "van"));
        var results = await browser.Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(0, results.GetProperty("options")[0].GetProperty("votes").GetInt64());
        Assert.Equal(0, (await browser.Host.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{poll.Slug}/contacts")).GetArrayLength());
    }

    [Fact]
    public async Task OurFormInsideAListedEmbeddersFrameIsSameOrigin()
    {
        var poll = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("framed").With("embedOrigins", new[] { Shop }));
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        // Chromium asks before a public page frames a loopback address; the engine is on loopback only here.
        await context.GrantPermissionsAsync(["local-network-access"], new() { Origin = Shop });
        await ServeAsync(context, Shop + "/ice-cream", $"""
            <!doctype html><title>Shop</title><h1>Our ice cream</h1>
            <iframe src="{browser.Url($"/c/{poll.Slug}")}" title="Poll" width="600" height="800"></iframe>
            """);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Shop + "/ice-cream");
        var frame = page.FrameLocator("iframe[title=Poll]");
        await frame.GetByLabel("Vanilla").CheckAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

        await Eventually.ReturnsAsync(() => Task.FromResult(page.Frames.Any(f => f.Url.Contains("/thanks?receipt=", StringComparison.Ordinal))), done => done,
            TimeSpan.FromSeconds(15), "the frame to show the thank-you page");
        // The frame's own document sent the form: the initiator is ours, whichever page holds the frame.
        var sent = Received(poll.Slug);
        Assert.Equal("same-origin", sent.Header("sec-fetch-site"));
        Assert.Equal("iframe", sent.Header("sec-fetch-dest"));
        Assert.Equal(Ours, sent.Header("origin"));
        await browser.Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task AListedEmbeddersOwnFormMayPostAndAnUnlistedSitesMayNot()
    {
        var listed = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("shopform").With("embedOrigins", new[] { Shop }));
        var unlisted = await browser.Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("shopnot"));
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        string Form(string slug) => $"""
            <!doctype html><title>Shop</title>
            <form method="post" action="{browser.Url($"/c/{slug}/votes")}"><input type="hidden" name="optionId" value="choc"><button>Vote chocolate</button></form>
            """;
        await ServeAsync(context, Shop + "/listed", Form(listed.Slug));
        await ServeAsync(context, Shop + "/unlisted", Form(unlisted.Slug));
        var page = await context.NewPageAsync();

        await page.GotoAsync(Shop + "/listed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote chocolate" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{listed.Slug}/thanks\\?receipt="));
        var sent = Received(listed.Slug);
        Assert.Equal("cross-site", sent.Header("sec-fetch-site"));
        Assert.Equal(Shop, sent.Header("origin"));

        await page.GotoAsync(Shop + "/unlisted");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Vote chocolate" }).ClickAsync(), r => r.Url.EndsWith("/votes", StringComparison.Ordinal));
        Assert.Equal(403, refused.Status);
        await browser.Host.WaitForTotalAsync(listed.Slug, 1);
    }
}
