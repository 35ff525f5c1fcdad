using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Offers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CampaignEngine.IntegrationTests.Offers.Offers;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>The pages a mail leads to, in Chromium on a phone without JavaScript: staff redeeming a code (twice), a fan unsubscribing.</summary>
public sealed class OfferBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private EngineHost Host => browser.Host;

    /// <summary>A contact of a new campaign with a code, and the signed links its mail would carry.</summary>
    private async Task<(string Redeem, string Unsubscribe, string Code)> CodeHolderAsync(string locale)
    {
        var slug = await PollWithOfferAsync(Host, codes: 3, stem: "shop", locale: locale);
        var key = Host.Services.GetRequiredService<ContactKeys>().Of($"fan@{slug}.test");
        var assignment = (await Host.Services.GetRequiredService<CodePool>().AssignAsync(slug, [new Claimant(key, null)])).Single();
        var offer = (await Host.Services.GetRequiredService<OfferStore>().GetAsync(slug))!;
        var links = Host.Services.GetRequiredService<MailedLinks>();
        return (links.Redeem(offer, slug, key, DateTimeOffset.UtcNow), links.Unsubscribe(offer, slug, key), assignment.Code!);
    }

    [Fact]
    public async Task StaffRedeemACodeWithThePinOnAPhoneAndASecondTillTryingTooSeesWhenItWasRedeemed()
    {
        var (redeem, _, code) = await CodeHolderAsync("en");
        await using var till = await browser.Browser.NewContextAsync(BrowserFixture.Phone("en-GB"));
        await using var otherTill = await browser.Browser.NewContextAsync(BrowserFixture.Phone("en-GB"));
        var page = await till.NewPageAsync();
        var other = await otherTill.NewPageAsync();
        await page.GotoAsync(redeem);
        await other.GotoAsync(redeem);
        Assert.Equal(code, (await page.Locator(".offer-code").TextContentAsync())!.Trim());
        Shot(await BrowserFixture.ScreenshotAsync(page, "redeem-360"));

        await page.Locator("#pin").FillAsync("9999");
        await page.Locator("button[type=submit]").ClickAsync();
        Assert.True(await page.Locator("#pin-error").IsVisibleAsync());
        Assert.Equal("true", await page.Locator("#pin").GetAttributeAsync("aria-invalid"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "redeem-360-wrong-pin"));

        await page.Locator("#pin").FillAsync(Pin);
        await page.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("Redeemed", await page.Locator("[role=status]").TextContentAsync());
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Shot(await BrowserFixture.ScreenshotAsync(page, "redeem-360-done"));

        // The second till opened the link before the first redeemed it: its try shows when that was.
        await other.Locator("#pin").FillAsync(Pin);
        await other.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("Already redeemed on", await other.Locator("[role=status]").TextContentAsync());
        Shot(await BrowserFixture.ScreenshotAsync(other, "redeem-360-again"));
    }

    [Fact]
    public async Task TheRedeemAndUnsubscribePagesPassAxeAndAnArabicUnsubscribeReadsRightToLeftWithoutJavaScript()
    {
        var (redeem, unsubscribe, _) = await CodeHolderAsync("ar");
        await using var phone = await browser.Browser.NewContextAsync(BrowserFixture.Phone("ar"));
        var page = await phone.NewPageAsync();
        await page.GotoAsync(unsubscribe);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "unsubscribe-ar-360"));
        await page.Locator("button[type=submit]").ClickAsync();
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Shot(await BrowserFixture.ScreenshotAsync(page, "unsubscribe-ar-360-done"));

        await using var scripted = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ar" });
        var axe = await scripted.NewPageAsync();
        var violations = new List<string>();
        await axe.GotoAsync(unsubscribe);
        violations.AddRange(await BrowserFixture.AxeViolationsAsync(axe, "unsubscribe-ar", output));
        await axe.GotoAsync(redeem);
        violations.AddRange(await BrowserFixture.AxeViolationsAsync(axe, "redeem-ar", output));
        await axe.Locator("#pin").FillAsync("1");
        await axe.Locator("button[type=submit]").ClickAsync();
        violations.AddRange(await BrowserFixture.AxeViolationsAsync(axe, "redeem-ar-wrong-pin", output));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task AFanWhoTicksTheBoxOnAHebrewPollSeesTheirCodeOnThePhonesThankYouPageWithoutJavaScript()
    {
        var slug = await PollWithOfferAsync(Host, codes: 3, stem: "thanks", locale: "he");
        await using var phone = await browser.Browser.NewContextAsync(BrowserFixture.Phone("he-IL"));
        var page = await phone.NewPageAsync();
        await page.GotoAsync(browser.Url($"/c/{slug}"));
        await page.Locator("input[name=optionId]").First.CheckAsync();
        await page.Locator("#email").FillAsync($"fan@{slug}.test");
        await page.Locator("input[name=consent]").CheckAsync();
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/c/{slug}/thanks"));

        // The code comes from the contacts function a moment later; the page's own link looks again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await page.Locator(".offer-code").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the code did not appear on the thank-you page within 30 s");
            await page.Locator("#offer-heading ~ p a").ClickAsync();
        }
        Assert.Matches("^TEST-", (await page.Locator(".offer-code").TextContentAsync())!.Trim());
        var code = (await page.Locator(".offer-code").BoundingBoxAsync())!;
        Assert.True(code.X >= 0 && code.X + code.Width <= 360.5, "the code fits the phone's width");
        Shot(await BrowserFixture.ScreenshotAsync(page, "thanks-offer-he-360"));
    }

    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
