using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Campaigns;

/// <summary>Campaigns stored before kinds had sections are still read, shown and voted on.</summary>
public sealed class StoredFormatTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task APollStoredInTheFormatBeforeKindsIsReadAndTakesVotes()
    {
        var slug = "old-" + Guid.NewGuid().ToString("N")[..8];
        // The shape the engine stored up to the kinds change: one Definition with the options inside, no Settings.
        var definition = $$"""
            {"slug":"{{slug}}","kind":"poll","title":"Old poll","description":null,"locale":"en","status":"live",
             "options":[{"id":"a","label":"Apple"},{"id":"b","label":"Banana"}],"rules":{"votesPerVoter":1,"period":"campaign"},
             "contact":{"mode":"off","consentText":null},"startsAt":null,"endsAt":null,
             "createdAt":"2026-11-01T10:00:00+00:00","publishedAt":"2026-11-01T10:05:00+00:00","closedAt":null,"shards":16}
            """;
        await Host.Tables.GetTableClient(Host.Names.CampaignsTable).AddEntityAsync(new TableEntity("campaign", slug)
        {
            ["Kind"] = "Poll", ["Status"] = "Live", ["Definition"] = definition,
        });

        var read = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}");
        using var fan = Host.CreateClient();
        var vote = await fan.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "b" });

        Assert.Equal(["a", "b"], read.GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal("live", read.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);
        await Host.WaitForTotalAsync(slug, 1);
    }
}
