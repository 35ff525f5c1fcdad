using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Contests.Contests;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>Winners by votes (the jury and blend rules: <see cref="JuryTests"/>): only once voting has closed, from the final counts, ties sharing a rank; the public page shows them.</summary>
public sealed class WinnersTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task WinnersComeAfterTheCloseFromEveryCountedVoteAndTiesShareARank()
    {
        var slug = await CreateAsync(Host, "winners", new { moderation = "post", winners = new { basis = "votes", count = 2 } });
        var titles = new[] { "Maple pecan", "Lemon cloud", "Salted caramel" };
        foreach (var title in titles)
        {
            using var author = Host.CreateClient();
            await EnterAsync(author, slug, title);
            // One after the other, so "entered first" is well defined for the tie below.
            await WaitForEntriesAsync(Host, slug, Array.IndexOf(titles, title) + 1, "approved");
        }
        var ids = (await EntriesAsync(Host, slug, "approved")).EnumerateArray().ToDictionary(e => e.GetProperty("title").GetString()!, e => e.GetProperty("id").GetString()!);

        using var early = await Host.Admin.PostAsync($"/api/campaigns/{slug}/winners", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Voting is still open", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        foreach (var (title, votes) in new[] { ("Maple pecan", 3), ("Lemon cloud", 1), ("Salted caramel", 3) })
        {
            for (var i = 0; i < votes; i++)
            {
                using var fan = Host.CreateClient();
                Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, ids[title])).StatusCode);
            }
        }
        (await Host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).EnsureSuccessStatusCode();

        // Right after the close some votes may still be queued: the answer is then a 409 with Retry-After, never a short count.
        var computed = await Eventually.ReturnsAsync(() => Host.Admin.PostAsync($"/api/campaigns/{slug}/winners", null),
            r => r.StatusCode == HttpStatusCode.OK || StillCounting(r),
            because: "the winners once every vote is counted");
        var list = await computed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, list.GetProperty("votes").GetInt64());
        Assert.Equal([("Maple pecan", 1, 3L), ("Salted caramel", 1, 3L)], list.GetProperty("winners").EnumerateArray()
            .Select(w => (w.GetProperty("title").GetString()!, w.GetProperty("rank").GetInt32(), w.GetProperty("votes").GetInt64())));

        var stored = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/winners");
        Assert.Equal(list.GetProperty("computedAt").GetDateTimeOffset(), stored.GetProperty("computedAt").GetDateTimeOffset());
        var page = await Host.CreateClient().GetPageAsync($"/c/{slug}/winners");
        Assert.Equal(["Maple pecan", "Salted caramel"], page.Document.QuerySelectorAll(".entry h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task AJuryRuleWaitsForJurorsScoresAndTheWinnersPageSaysWhenThereAreNoneYet()
    {
        var slug = await CreateAsync(Host, "jury", new { winners = new { basis = "jury" }, criteria = new[] { new { label = "Taste" } } });
        (await Host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).EnsureSuccessStatusCode();

        using var refused = await Host.Admin.PostAsync($"/api/campaigns/{slug}/winners", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no juror has scored", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{slug}/winners")).StatusCode);
        var page = await Host.CreateClient().GetPageAsync($"/c/{slug}/winners");
        Assert.Contains("have not been announced yet", page.Document.QuerySelector("article")!.TextContent);
    }

    /// <summary>Not done yet, and it says so the way it should (409 with Retry-After); the answer is let go, as another is asked for.</summary>
    private static bool StillCounting(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode.Conflict, true), (response.StatusCode, response.Headers.RetryAfter is not null));
        response.Dispose();
        return false;
    }
}
