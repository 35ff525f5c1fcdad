using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contests;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Contests.Contests;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>Caps across entries: votes per fan per day over every entry, and in all; held exactly, whichever instance accepts.</summary>
public sealed class VoteCapTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    [Fact]
    public async Task TheDailyCapStopsAFansThirdVoteOfTheDayOnAnyEntryAndAFormSaysComeBackTomorrow()
    {
        var slug = await CreateAsync(Host, "perday", new { moderation = "post", voting = new { votesPerEntry = 1, period = "day", perDay = 2 } });
        var ids = await ApprovedEntriesAsync(slug, 3);
        using var fan = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, ids[0])).StatusCode);
        using var second = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/entry-votes") { Content = JsonContent.Create(new { entryId = ids[1] }) };
        second.Headers.Add("Idempotency-Key", "second-vote");
        using var secondAnswer = await fan.SendAsync(second);
        Assert.Equal(HttpStatusCode.Accepted, secondAnswer.StatusCode);
        var receipt = (await secondAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();

        using var third = await VoteAsync(fan, slug, ids[2]);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("all 2 of today's votes", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        // The same entry again: over its own allowance (once the tally has written the first vote) or the cap (before).
        using var again = await VoteAsync(fan, slug, ids[0]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // A retry of the vote that filled the cap is that vote, answered as before.
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/entry-votes") { Content = JsonContent.Create(new { entryId = ids[1] }) };
        retry.Headers.Add("Idempotency-Key", "second-vote");
        using var retryAnswer = await fan.SendAsync(retry);
        Assert.Equal((HttpStatusCode.Accepted, receipt), (retryAnswer.StatusCode, (await retryAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()));

        var refused = await fan.PostFormAsync($"/c/{slug}/entry-votes", ("entryId", ids[2]));
        Assert.Equal(HttpStatusCode.Conflict, refused.Response.StatusCode);
        Assert.Contains("as many times as this campaign allows in one day", refused.Document.Body!.TextContent);

        var counted = await WaitForVotesAsync(Host, slug, 2);
        Assert.Equal([1L, 1L], counted.Where(c => c.Key != ids[2]).Select(c => c.Value));
    }

    [Fact]
    public async Task TheContestCapHoldsAcrossEntriesAndOtherFansAreNotTouchedByIt()
    {
        var slug = await CreateAsync(Host, "percamp", new { moderation = "post", voting = new { votesPerEntry = 3, perCampaign = 2 } });
        var ids = await ApprovedEntriesAsync(slug, 2);
        using var fan = Host.CreateClient();
        using var other = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, ids[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, ids[0])).StatusCode);
        using var third = await VoteAsync(fan, slug, ids[1]);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("all 2 of your votes in this campaign", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(other, slug, ids[1])).StatusCode);

        var counted = await WaitForVotesAsync(Host, slug, 3);
        Assert.Equal((2L, 1L), (counted[ids[0]], counted[ids[1]]));
    }

    [Fact]
    public async Task TwoVotesGivenTheSameCapSlotByTwoInstancesCountOnceAndARedeliveryCountsNothing()
    {
        var slug = await CreateAsync(Host, "capslot", new { moderation = "post", voting = new { perCampaign = 1 } });
        var ids = await ApprovedEntriesAsync(slug, 3);
        var participant = new string('d', 32);
        var shard = SubmissionKeys.ShardOf(participant, 16);
        // What two instances would each have accepted at once: votes for different entries, both holding slot 1 of the cap.
        SubmissionAccepted Vote(int i) => new($"cap-{slug}-{i}", slug, "ev", ids[i], participant, "c-" + ids[i], 1, shard, DateTimeOffset.UtcNow,
            Caps: [new CapSlot("all-c", 1)]);

        await Tally.RunAsync(Invocation([Vote(0), Vote(1)]), CancellationToken.None);
        await Tally.RunAsync(Invocation([Vote(2)]), CancellationToken.None);
        await Tally.RunAsync(Invocation([Vote(0), Vote(1), Vote(2)]), CancellationToken.None);

        var counted = await WaitForVotesAsync(Host, slug, 1);
        Assert.Equal(1, counted[ids[0]]);
        Assert.Equal(1, (await Host.GetResultsAsync(slug)).GetProperty("votes").GetInt64());
    }

    private async Task<List<string>> ApprovedEntriesAsync(string slug, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var author = Host.CreateClient();
            await EnterAsync(author, slug, $"Idea {i}");
            await WaitForEntriesAsync(Host, slug, i + 1, "approved");
        }
        return (await EntriesAsync(Host, slug, "approved")).EnumerateArray()
            .OrderBy(e => e.GetProperty("title").GetString(), StringComparer.Ordinal).Select(e => e.GetProperty("id").GetString()!).ToList();
    }
}
