using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Polls;

/// <summary>A campaign in the brand's colours, words, time zone and frame.</summary>
public sealed class BrandedPollTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task TheAccentRuleIsOnThePageAndAllowedByItsOwnHashOnly()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("brand")
            .With("brand", new { accentColor = "#0B6E4F", rulesUrl = "https://brand.example/rules", privacyUrl = "https://brand.example/privacy" }));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        var styles = page.Document.QuerySelectorAll("style").Select(s => s.TextContent).ToList();
        Assert.Equal(2, styles.Count);
        Assert.Equal(":root{--accent:#0b6e4f;--accent-soft:#e7f0ed}", styles[1]);
        var policy = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(styles[1])));
        Assert.Contains($"'sha256-{hash}'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        var links = page.Document.QuerySelectorAll("footer.brand-links a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("Official rules", "https://brand.example/rules"), ("Privacy notice", "https://brand.example/privacy")], links);
    }

    [Theory]
    [InlineData("#777777", "4.48:1")]
    [InlineData("yellow", "#rrggbb")]
    public async Task AnAccentThatFailsContrastIsRefusedWithTheReason(string accent, string expected)
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().With("brand", new { accentColor = accent }).Build());

        var errors = await Campaigns.CampaignApiTests.ValidationErrorsAsync(response);
        Assert.Contains(expected, errors["brand.accentColor"].Single());
    }

    [Fact]
    public async Task OverriddenTextsAThankYouMessageAndEmbeddingOriginsShowOnThePages()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("words")
            .With("texts", new Dictionary<string, string> { ["vote_button"] = "Count me in" })
            .With("thanks", new { message = "See you at the store!" })
            .With("embedOrigins", new[] { "https://shop.example" }));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        var voted = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));
        var thanks = await fan.GetPageAsync(voted.Response.Headers.Location!.OriginalString);

        Assert.Equal("Count me in", page.Document.QuerySelector("button[type=submit]")!.TextContent);
        Assert.Contains("frame-ancestors https://shop.example", page.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("See you at the store!", thanks.Document.QuerySelector("h1 + p")!.TextContent);
    }

    [Fact]
    public async Task BadTextsTimeZonesLinksAndOriginsAreNamed()
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder()
            .With("texts", new Dictionary<string, string> { ["no_such_key"] = "x", ["open_until"] = "Open until later" })
            .With("timeZone", "Central European Standard Time")
            .With("thanks", new { redirectUrl = "javascript:alert(1)" })
            .With("embedOrigins", new[] { "https://shop.example/path", "*" })
            .Build());

        var errors = await Campaigns.CampaignApiTests.ValidationErrorsAsync(response);
        Assert.Superset(new HashSet<string> { "texts.no_such_key", "texts.open_until", "timeZone", "thanks.redirectUrl", "embedOrigins[0]", "embedOrigins[1]" },
            errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task AFormVoteGoesToTheBrandsPageWhenARedirectIsSet()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("redirect").With("thanks", new { redirectUrl = "https://brand.example/thanks" }));
        using var fan = Host.CreateClient();

        var voted = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));

        Assert.Equal(HttpStatusCode.SeeOther, voted.Response.StatusCode);
        Assert.Equal("https://brand.example/thanks", voted.Response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DatesShowInTheCampaignsTimeZone()
    {
        var ends = new DateTimeOffset(2031, 7, 1, 10, 0, 0, TimeSpan.Zero);
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("zone").With("timeZone", "Europe/Warsaw").With("endsAt", ends));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        Assert.Contains("12:00 UTC+2", page.Document.QuerySelector("p.meta")!.TextContent);
    }
}
