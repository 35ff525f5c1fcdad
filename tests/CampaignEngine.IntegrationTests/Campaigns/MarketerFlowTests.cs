using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Campaigns;

public sealed class MarketerFlowTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task AMarketerLaunchesAPollFansVoteAndTheClosedPollKeepsItsResults()
    {
        // Create: a draft nobody can see.
        var created = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder()
            .WithSlug("launch-day").WithTitle("Launch day flavour").WithOptionIds(("a", "Apple"), ("b", "Banana")).Build());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await fan.PostAsJsonAsync("/c/launch-day/votes", new { optionId = "a" })).StatusCode);

        // Publish: fans vote, some twice.
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync("/api/campaigns/launch-day/publish", null)).StatusCode);
        var fans = Enumerable.Range(0, 7).Select(_ => Host.CreateClient()).ToList();
        var first = await Task.WhenAll(fans.Select((f, i) => f.PostAsJsonAsync("/c/launch-day/votes", new { optionId = i < 5 ? "a" : "b" })));
        var repeats = await Task.WhenAll(fans.Select(f => f.PostAsJsonAsync("/c/launch-day/votes", new { optionId = "b" })));
        Assert.All(first, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(repeats, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        // Watch: results are exact.
        var results = await Host.WaitForTotalAsync("launch-day", 7);
        var options = results.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal([("a", 5L, 71.4), ("b", 2L, 28.6)],
            options.Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("votes").GetInt64(), o.GetProperty("percent").GetDouble())));

        // Close: no more votes, results stay.
        var closed = await Host.Admin.PostAsync("/api/campaigns/launch-day/close", null);
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var late = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Conflict, (await late.PostAsJsonAsync("/c/launch-day/votes", new { optionId = "b" })).StatusCode);
        Assert.Equal(7, (await Host.GetResultsAsync("launch-day")).GetProperty("totalVotes").GetInt64());
        foreach (var f in fans) f.Dispose();
    }
}
