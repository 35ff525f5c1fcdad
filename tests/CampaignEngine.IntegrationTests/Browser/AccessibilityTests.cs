using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>axe-core on every fan page, in a left-to-right and a right-to-left language, at phone width.</summary>
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private EngineHost Host => browser.Host;

    /// <summary>Every page a fan can land on, for one campaign in one language.</summary>
    private async Task<List<(string Name, string Path, Func<IBrowserContext, Task>? Before)>> PagesAsync(string locale)
    {
        var brand = new { accentColor = "#0b6e4f", rulesUrl = "https://brand.example/rules", privacyUrl = "https://brand.example/privacy" };
        var open = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("a11y").WithLocale(locale).WithContact("required").With("brand", brand));
        var multi = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("a11ym").WithLocale(locale).With("options", null)
            .With("poll", new { options = new[] { new { label = "Mango" }, new { label = "Lime" }, new { label = "Plum" } }, maxChoices = 2 }));
        var closed = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("a11yc").WithLocale(locale));
        await Host.Admin.PostAsync($"/api/campaigns/{closed.Slug}/close", null);
        var archived = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("a11ya").WithLocale(locale));
        await Host.Admin.PostAsync($"/api/campaigns/{archived.Slug}/close", null);
        await Host.Admin.PostAsync($"/api/campaigns/{archived.Slug}/archive", null);

        async Task Voted(IBrowserContext context)
        {
            var response = await context.APIRequest.PostAsync(browser.Url($"/c/{open.Slug}/votes"), new()
            {
                DataObject = new { optionId = "van", email = "fan@example.com" },
            });
            Assert.Equal(202, response.Status);
            await Host.WaitForTotalAsync(open.Slug, 1);
        }

        async Task Refused(IPage page)
        {
            await page.Locator("form").EvaluateAsync("f => f.noValidate = true");
            await page.Locator("button[type=submit]").ClickAsync();
            await page.Locator(".error-summary").WaitForAsync();
        }

        refusedForm = Refused;
        return
        [
            ("poll", $"/c/{open.Slug}", null),
            ("multiple-choice", $"/c/{multi.Slug}", null),
            ("results", $"/c/{open.Slug}/results", null),
            ("thanks", $"/c/{open.Slug}/thanks?receipt=abcDEF123", null),
            ("returning", $"/c/{open.Slug}", Voted),
            ("closed", $"/c/{closed.Slug}", null),
            ("archived", $"/c/{archived.Slug}", null),
            ("not-found", "/c/no-such-campaign", null),
            ("home", "/", null),
        ];
    }

    private Func<IPage, Task>? refusedForm;

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task EveryFanPageHasNoAxeViolations(string locale)
    {
        var failures = new List<string>();
        foreach (var (name, path, before) in await PagesAsync(locale))
        {
            await using var context = await browser.Browser.NewContextAsync(new()
            {
                ViewportSize = new() { Width = 360, Height = 740 },
                Locale = locale,
                BypassCSP = true, // axe is injected by the test; the pages themselves run no such script
            });
            if (before is not null) await before(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(browser.Url(path));
            failures.AddRange(await ViolationsAsync(page, $"{locale}/{name}"));
            if (name == "poll")
            {
                await refusedForm!(page);
                failures.AddRange(await ViolationsAsync(page, $"{locale}/poll-refused"));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<IEnumerable<string>> ViolationsAsync(IPage page, string name)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page, name, output);
        if (violations.Count > 0) await BrowserFixture.ScreenshotAsync(page, "axe-" + name.Replace('/', '-'));
        return violations;
    }
}
