using System.Text.RegularExpressions;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CampaignEngine.IntegrationTests.Surveys.Surveys;

namespace CampaignEngine.IntegrationTests.Browser;

/// <summary>A three-page survey on a phone with JavaScript off, in Persian (right to left): errors, Back, a skip, the results' charts.</summary>
public sealed class SurveyBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>The shared test survey, its words in Persian.</summary>
    private static readonly string Persian = new[]
    {
        ("Your visit", "آمدن شما"), ("Which dish should come back?", "کدام غذا باید برگردد؟"), ("Gazpacho", "گازپاچو"), ("Ceviche", "سویچه"),
        ("How likely are you to recommend us?", "چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟"), ("A name for the new dish", "نامی برای غذای تازه"),
        ("Tell us about the other dish", "از آن غذای دیگر برایمان بگویید"), ("Visits this year", "دفعات آمدن در امسال"), ("Rate us", "به ما نمره بدهید"),
        ("Taste", "مزه"), ("Price", "قیمت"), ("\"Bad\"", "\"بد\""), ("\"OK\"", "\"معمولی\""), ("\"Good\"", "\"خوب\""), ("Order these", "این‌ها را مرتب کنید"),
        ("Soup", "سوپ"), ("Salad", "سالاد"),
    }.Aggregate(Section, (text, pair) => text.Replace(pair.Item1, pair.Item2, StringComparison.Ordinal));

    [Fact]
    public async Task AFanAnswersAPersianSurveyOnAPhoneWithoutJavaScriptWithErrorsBackAndASkip()
    {
        var slug = await CreateAsync(browser.Host, "fa-survey", Persian, locale: "fa");
        await using var context = await browser.Browser.NewContextAsync(BrowserFixture.Phone("fa-IR"));
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Url($"/c/{slug}"));
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Shot(await BrowserFixture.ScreenshotAsync(page, "survey-fa-360-page1"));

        // Next with nothing chosen: the page again, its errors beside the questions.
        await page.Locator("button[value=next]").ClickAsync();
        Assert.True(await page.Locator(".error-summary").IsVisibleAsync());
        Assert.Equal(2, await page.Locator(".error-summary li").CountAsync());
        Assert.True(await page.Locator("#question-dish-error").IsVisibleAsync());
        Assert.Equal("true", await page.Locator("#question-nps-error").IsVisibleAsync() ? "true" : "false");
        Shot(await BrowserFixture.ScreenshotAsync(page, "survey-fa-360-refused"));

        await page.Locator("label[for=dish-other]").ClickAsync();
        await page.Locator("#dish-other-text").FillAsync("آش رشته");
        await page.Locator("label[for=nps-9]").ClickAsync();
        await page.Locator("button[value=next]").ClickAsync();
        Assert.Equal("۲", (await page.Locator(".progress-text").TextContentAsync())!.Split(' ')[1]);
        await page.Locator("#question-why-input").FillAsync("با سبزی و کشک.");
        Shot(await BrowserFixture.ScreenshotAsync(page, "survey-fa-360-page2"));

        // Back: page one as it was left; Next again: page two as it was left.
        await page.Locator("button[value=back]").ClickAsync();
        Assert.True(await page.Locator("#dish-other").IsCheckedAsync());
        Assert.Equal("آش رشته", await page.Locator("#dish-other-text").InputValueAsync());
        Assert.True(await page.Locator("#nps-9").IsCheckedAsync());
        await page.Locator("button[value=next]").ClickAsync();
        Assert.Equal("با سبزی و کشک.", await page.Locator("#question-why-input").InputValueAsync());
        await page.Locator("button[value=next]").ClickAsync();

        // The last page: a matrix and a ranking, laid out within the phone's width, right to left.
        await page.Locator("#grid-1-3").CheckAsync();
        await page.Locator("#grid-2-2").CheckAsync();
        await page.Locator("#order-1").SelectOptionAsync("2");
        await page.Locator("#order-2").SelectOptionAsync("1");
        var boxes = await Task.WhenAll((await page.Locator("h1, h2, fieldset, table, select, button").AllAsync()).Select(l => l.BoundingBoxAsync()));
        Assert.All(boxes, b => Assert.True(b is not null && b.X >= 0 && b.X + b.Width <= 360.5, $"element box {b?.X}+{b?.Width} outside 360px"));
        var rowHeading = (await page.Locator("table.matrix tbody th").First.BoundingBoxAsync())!;
        var firstCell = (await page.Locator("table.matrix tbody td").First.BoundingBoxAsync())!;
        Assert.True(rowHeading.X > firstCell.X, "right to left, the row's label is right of its answers");
        Shot(await BrowserFixture.ScreenshotAsync(page, "survey-fa-360-page3"));
        await page.Locator("button[value=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));

        // A low score ends the survey after the first page.
        await using var critic = await browser.Browser.NewContextAsync(BrowserFixture.Phone("fa-IR"));
        var other = await critic.NewPageAsync();
        await other.GotoAsync(browser.Url($"/c/{slug}"));
        await other.Locator("label[for=dish-1]").ClickAsync();
        await other.Locator("label[for=nps-1]").ClickAsync();
        await other.Locator("button[value=next]").ClickAsync();
        await other.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));

        var results = await WaitForResponsesAsync(browser.Host, slug, 2);
        Assert.Equal(1, Counts(Question(results, "dish"))["other"]);
        Assert.Equal(1, Question(results, "why").GetProperty("answered").GetInt64());
        Assert.Equal(1, Question(results, "grid").GetProperty("matrix")[0].GetProperty("columns")[2].GetProperty("count").GetInt64());

        await Eventually.ReturnsAsync(async () =>
        {
            await other.GotoAsync(browser.Url($"/c/{slug}/results"));
            return await other.Locator(".totals").TextContentAsync();
        }, t => t?.Contains('۲') == true, TimeSpan.FromSeconds(20), "the results page with both responses");
        var bar = (await other.Locator(".survey-result svg.bar").First.BoundingBoxAsync())!;
        Assert.True(bar.X >= 0 && bar.X + bar.Width <= 360.5 && bar.Width > 200, $"bar {bar.X}+{bar.Width}");
        Shot(await BrowserFixture.ScreenshotAsync(other, "survey-results-fa-360"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task TheSurveyPagesHaveNoAxeViolations(string locale)
    {
        var slug = await CreateAsync(browser.Host, "axe-survey-" + locale, locale: locale, contact: "optional");
        // axe runs as a script in the page, so this context has JavaScript on (the pages run none of their own here).
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        async Task Check(string name)
        {
            failures.AddRange(await BrowserFixture.AxeViolationsAsync(page, $"{locale}/{name}", output));
            Shot(await BrowserFixture.ScreenshotAsync(page, $"survey-{name}-{locale}-390"));
        }

        await page.GotoAsync(browser.Url($"/c/{slug}"));
        await Check("page1");
        await page.Locator("button[value=next]").ClickAsync();
        await Check("refused");
        await page.Locator("label[for=dish-other]").ClickAsync();
        await page.Locator("#dish-other-text").FillAsync("Soup");
        await page.Locator("label[for=nps-10]").ClickAsync();
        await page.Locator("button[value=next]").ClickAsync();
        await Check("page2");
        await page.Locator("#question-why-input").FillAsync("Cold and green.");
        await page.Locator("button[value=next]").ClickAsync();
        await Check("page3");
        await page.Locator("button[value=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/c/{slug}/thanks"));
        await WaitForResponsesAsync(browser.Host, slug, 1);
        await Eventually.ReturnsAsync(async () => (await page.GotoAsync(browser.Url($"/c/{slug}/results")))!.Status, s => s == 200, TimeSpan.FromSeconds(20), "results");
        await Check("results");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }


    private void Shot(string path) => output.WriteLine($"screenshot: {path}");
}
