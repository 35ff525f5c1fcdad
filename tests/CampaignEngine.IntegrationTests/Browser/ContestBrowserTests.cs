using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Contests;
using CampaignEngine.IntegrationTests.Infrastructure;
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
        await using var context = await browser.Browser.NewContextAsync(BrowserFixture.Phone("fa-IR"));
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
        // Back on the gallery the entry says they voted, where its button was.
        await voter.GotoAsync(browser.Url($"/c/{slug}/gallery"));
        Assert.Equal("رأی داده‌اید", await voter.Locator($"#entry-{id} .voted").TextContentAsync());
        Assert.Equal(0, await voter.Locator($"#entry-{id} button").CountAsync());
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-gallery-voted-fa-360"));
        await voter.GotoAsync(browser.Url($"/c/{slug}/entries/{id}"));
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-entry-fa-360"));
        await voter.Context.CloseAsync();
    }

    [Fact]
    public async Task APhotoEntrySentFromAPhoneWithoutJavaScriptShowsInTheHebrewGalleryRightToLeftAndTakesAVote()
    {
        var slug = await CreateAsync(browser.Host, "he-photos", new { entryType = "photo" }, locale: "he");
        var phone = BrowserFixture.Phone("he-IL");
        await using var context = await browser.Browser.NewContextAsync(phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{slug}"));
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await page.Locator("#title").FillAsync("אביר הדלעת");
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload
        {
            Name = "costume.jpg", MimeType = "image/jpeg", Buffer = CampaignEngine.UnitTests.Media.TestImages.Jpeg(1200, 900),
        });
        Shot(await BrowserFixture.ScreenshotAsync(page, "contest-photo-form-he-360"));
        await page.Locator("form button[type=submit]").ClickAsync();
        // The redirect is what counts (the upload is stored and the entry queued); a CI run once saw the thank-you
        // page's load event come after 30 s, so this waits for the navigation itself, and longer.
        await page.WaitForURLAsync(new Regex($"/c/{slug}/thanks"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });

        var id = (await WaitForEntriesAsync(browser.Host, slug, 1)).Single();
        await Eventually.ReturnsAsync(() => EntriesAsync(browser.Host, slug),
            items => items[0].GetProperty("photo").GetProperty("state").GetString() == PhotoState.Ready, TimeSpan.FromSeconds(30), "the photo re-encoded");
        await ModerateAsync(browser.Host, slug, "approve", [id]);

        await using var voterContext = await browser.Browser.NewContextAsync(phone);
        var voter = await voterContext.NewPageAsync();
        await Eventually.ReturnsAsync(async () =>
        {
            await voter.GotoAsync(browser.Url($"/c/{slug}/gallery"));
            return await voter.Locator($"#entry-{id} picture img").CountAsync();
        }, n => n == 1, TimeSpan.FromSeconds(20), "the approved photo in the gallery");
        var photo = await voter.Locator($"#entry-{id} picture img").BoundingBoxAsync();
        var card = await voter.Locator($"#entry-{id}").BoundingBoxAsync();
        // The thumbnail loaded (a broken image has no height for its 4:3 width) and fills the card on a phone.
        Assert.True(photo is { Height: > 100 } && card is not null && photo.X >= card.X && photo.X + photo.Width <= card.X + card.Width + 0.5,
            $"photo {photo?.X}+{photo?.Width}x{photo?.Height} in card {card?.X}+{card?.Width}");
        // Right to left: the sort line starts at the right, its label against the right edge and the orders to its left.
        var nav = (await voter.Locator("nav.sort").BoundingBoxAsync())!;
        var label = (await voter.Locator("nav.sort span").BoundingBoxAsync())!;
        var current = (await voter.Locator("nav.sort strong").BoundingBoxAsync())!;
        Assert.True(Math.Abs(label.X + label.Width - (nav.X + nav.Width)) < 1 && current.X + current.Width <= label.X + 0.5,
            $"sort label {label.X}+{label.Width}, current {current.X}+{current.Width}, nav {nav.X}+{nav.Width}");
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-photo-gallery-he-360"));

        await voter.Locator($"#entry-{id} button").ClickAsync();
        await voter.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));
        Assert.Equal(1, (await WaitForVotesAsync(browser.Host, slug, 1))[id]);
        // Back on the gallery the entry says they voted, where its button was.
        await voter.GotoAsync(browser.Url($"/c/{slug}/gallery"));
        Assert.Equal("הצבעתם", await voter.Locator($"#entry-{id} .voted").TextContentAsync());
        Assert.Equal(0, await voter.Locator($"#entry-{id} button").CountAsync());
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-gallery-voted-he-360"));
        await voter.GotoAsync(browser.Url($"/c/{slug}/entries/{id}"));
        var large = await voter.Locator("p.photo picture img").BoundingBoxAsync();
        Assert.True(large is { Width: > 250 } && Math.Abs(large.Width / large.Height - 4.0 / 3) < 0.02, $"entry photo {large?.Width}x{large?.Height}");
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-photo-entry-he-360"));
        await voter.GotoAsync(browser.Url($"/c/{slug}/leaderboard"));
        var row = voter.Locator("ol.board li").First;
        Assert.Equal($"/c/{slug}/entries/{id}", await row.Locator("a").GetAttributeAsync("href"));
        Assert.Equal("קול אחד", await row.Locator(".meta").TextContentAsync());
        Shot(await BrowserFixture.ScreenshotAsync(voter, "contest-leaderboard-he-360"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task TheContestPagesHaveNoAxeViolations(string locale)
    {
        var slug = await CreateAsync(browser.Host, "axe-contest-" + locale, new { moderation = "post", entryType = "both" }, locale: locale);
        using (var fan = browser.Host.CreateClient())
        {
            using var sent = await fan.PostAsJsonAsync($"/c/{slug}/entries", new
            {
                title = "Maple pecan", caption = "Maple glaze and crushed pecans.", photo = Convert.ToBase64String(CampaignEngine.UnitTests.Media.TestImages.Jpeg(800, 600)),
            });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        }
        var id = (await WaitForEntriesAsync(browser.Host, slug, 1, "approved")).Single();
        // axe runs as a script in the page, so this context has JavaScript on (the pages run none of their own here).
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        var failures = new List<string>();
        foreach (var (name, path) in new[] { ("landing", $"/c/{slug}"), ("gallery", $"/c/{slug}/gallery"), ("entry", $"/c/{slug}/entries/{id}"), ("results", $"/c/{slug}/results"), ("winners", $"/c/{slug}/winners"),
            ("leaderboard", $"/c/{slug}/leaderboard"), ("shuffled", $"/c/{slug}/gallery?sort=random") })
        {
            await Eventually.ReturnsAsync(async () => (await page.GotoAsync(browser.Url(path)))!.Status, s => s == 200, TimeSpan.FromSeconds(20), path);
            failures.AddRange(await BrowserFixture.AxeViolationsAsync(page, $"{locale}/{name}", output));
            Shot(await BrowserFixture.ScreenshotAsync(page, $"contest-{name}-{locale}-390"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }


    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
