using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Polls;

/// <summary>What users of Crowdsignal and Woobox expect of a poll: several choices, secret results, and seeing their own vote.</summary>
public sealed class PollFeatureTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private static PollBuilder MultipleChoice(string stem, int min, int max) =>
        new PollBuilder().UniqueSlug(stem).With("poll", new
        {
            options = new[] { new { id = "choc", label = "Chocolate" }, new { id = "van", label = "Vanilla" }, new { id = "straw", label = "Strawberry" }, new { id = "mint", label = "Mint" } },
            minChoices = min,
            maxChoices = max,
        }).With("options", null);

    [Fact]
    public async Task AMultipleChoiceBallotCountsEachPickedOptionOnceAndTheBallotOnce()
    {
        var poll = await Host.CreateCampaignAsync(MultipleChoice("multi", 1, 2));
        using var first = Host.CreateClient();
        using var second = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await first.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionIds = new[] { "choc", "mint" } })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await second.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"))).Response.StatusCode);

        var results = await Host.WaitForTotalAsync(poll.Slug, 2);
        var votes = results.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("votes").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["choc"] = 2, ["van"] = 0, ["straw"] = 0, ["mint"] = 1 }, votes);
        Assert.Equal(100.0, results.GetProperty("options")[0].GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task ChoiceLimitsAreEnforcedOnJsonAndOnTheForm()
    {
        var poll = await Host.CreateCampaignAsync(MultipleChoice("limits", 2, 3));
        using var fan = Host.CreateClient();

        var tooFew = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionIds = new[] { "choc" } });
        var tooMany = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionIds = new[] { "choc", "van", "straw", "mint" } });
        var unknown = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionIds = new[] { "choc", "lemon" } });
        var form = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));

        foreach (var response in new[] { tooFew, tooMany, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("optionIds", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal(HttpStatusCode.BadRequest, form.Response.StatusCode);
        Assert.Equal("Choose 2 to 3 options", form.Document.QuerySelector("#options legend")!.TextContent);
        Assert.NotNull(form.Document.QuerySelector(".error-summary a[href='#options']"));
        Assert.True(form.Document.QuerySelector("input[value=choc]")!.HasAttribute("checked"));
        Assert.Equal(4, form.Document.QuerySelectorAll("input[type=checkbox][name=optionId]").Length);
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionIds = new[] { "choc", "van" } })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task HiddenResultsStaySecretFromFansUntilThePollCloses()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("secret").With("options", null).With("poll", new
        {
            options = new[] { new { id = "choc", label = "Chocolate" }, new { id = "van", label = "Vanilla" }, new { id = "straw", label = "Strawberry" } },
            hideResultsUntilClosed = true,
        }));
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        using var stranger = Host.CreateClient();

        foreach (var client in new[] { fan, stranger })
        {
            var results = await client.GetPageAsync($"/c/{poll.Slug}/results");
            Assert.Equal(HttpStatusCode.OK, results.Response.StatusCode);
            Assert.Null(results.Document.QuerySelector("ol.results"));
            Assert.Equal("Results come when voting closes", results.Document.QuerySelector(".notice strong")!.TextContent);
            Assert.Null((await client.GetPageAsync($"/c/{poll.Slug}")).Document.QuerySelector("ol.results"));
        }

        await Host.Admin.PostAsync($"/api/campaigns/{poll.Slug}/close", null);
        var closed = await stranger.GetPageAsync($"/c/{poll.Slug}/results");
        Assert.Equal(3, closed.Document.QuerySelectorAll("ol.results li").Length);
    }

    [Fact]
    public async Task AReturningVoterSeesTheirChoiceAndTheStandingInsteadOfAnEmptyForm()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("returning"));
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.SeeOther, (await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "straw"))).Response.StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        var results = await fan.GetPageAsync($"/c/{poll.Slug}/results");
        using var stranger = Host.CreateClient();
        var fresh = await stranger.GetPageAsync($"/c/{poll.Slug}");

        Assert.Null(page.Document.QuerySelector("form"));
        Assert.Equal("Your choice: Strawberry", page.Document.QuerySelector(".voted span")!.TextContent);
        Assert.True(page.Response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.NotNull(page.Document.QuerySelector("ol.results"));
        var mine = results.Document.QuerySelectorAll("ol.results li").Single(li => li.QuerySelector(".mine") is not null);
        Assert.StartsWith("Strawberry", mine.QuerySelector(".result-label")!.TextContent);
        Assert.True(results.Response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.NotNull(fresh.Document.QuerySelector("form"));
        Assert.Null(fresh.Document.QuerySelector(".voted"));
        Assert.Equal("public, no-cache", fresh.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AVoterWithVotesLeftSeesTheirLastChoiceAndTheFormStill()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("again").WithVotesPerVoter(2));
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" })).StatusCode);

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        Assert.NotNull(page.Document.QuerySelector("form"));
        Assert.Equal("Your choice: Vanilla", page.Document.QuerySelector(".voted span")!.TextContent);
    }
}
