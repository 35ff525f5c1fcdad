using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.FairPlay;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using CampaignEngine.Review;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Review;

/// <summary>
/// Suspicious-activity review end to end: signals from real requests, held submissions out of the
/// count, the review API, and exactly-once release and discard under redelivery and races.
/// </summary>
public sealed class ReviewTests(ReviewTests.Engine fixture) : IClassFixture<ReviewTests.Engine>
{
    public sealed class Engine : EngineFixture
    {
        protected override IDictionary<string, string?> Settings => NetworkVotes.Settings;
    }

    private const string Browser = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    private const string Script = "python-requests/2.32.3";

    private EngineHost Host => fixture.Host;

    private Task<CampaignEngine.Campaigns.CampaignResponse> HoldingPollAsync(string stem, object? review = null, int votesPerVoter = 1) =>
        Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithVotesPerVoter(votesPerVoter)
            .With("review", review ?? new { holdSuspect = true }));

    private static async Task<HttpStatusCode> VoteAsync(HttpClient fan, string slug, string? userAgent, string optionId = "choc", string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId }) };
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await fan.SendAsync(request);
        return response.StatusCode;
    }

    private Task<JsonElement> WaitForResultsAsync(string slug, long total, long held, long discarded = 0) =>
        Eventually.ReturnsAsync(() => Host.GetResultsAsync(slug),
            r => r.GetProperty("totalVotes").GetInt64() == total && r.GetProperty("held").GetInt64() == held && r.GetProperty("discarded").GetInt64() == discarded,
            TimeSpan.FromSeconds(20), $"{slug}: {total} counted, {held} held, {discarded} discarded");

    private async Task<JsonElement> ListAsync(string slug, string query = "")
    {
        using var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}/review{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> DecideAsync(string slug, string decision, object body)
    {
        using var response = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/review/{decision}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task AScriptedVoteIsHeldListedWithItsSignalAndCountsOnceReleased()
    {
        var poll = await HoldingPollAsync("hold-script");
        using var browser = Host.CreateClient();
        using var script = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(browser, poll.Slug, Browser, "van"));
        // The script is answered exactly as a fan is: nothing tells it that it was spotted.
        Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(script, poll.Slug, Script, "choc"));
        await WaitForResultsAsync(poll.Slug, total: 1, held: 1);

        var held = await ListAsync(poll.Slug);
        var item = Assert.Single(held.GetProperty("items").EnumerateArray());
        Assert.Equal(["headless"], item.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("choc", item.GetProperty("data").GetString());
        Assert.Equal("held", item.GetProperty("status").GetString());

        var first = await DecideAsync(poll.Slug, "release", new { ids = Ids(held) });
        var again = await DecideAsync(poll.Slug, "release", new { ids = Ids(held) });

        Assert.Equal(1, first.GetProperty("decided").GetInt32());
        Assert.Equal(0, again.GetProperty("decided").GetInt32());
        Assert.Equal(Ids(held), again.GetProperty("notHeld").EnumerateArray().Select(s => s.GetString()));
        var results = await WaitForResultsAsync(poll.Slug, total: 2, held: 0);
        Assert.Equal(1, Option(results, "choc"));
        Assert.Equal(1, Option(results, "van"));
        Assert.Empty((await ListAsync(poll.Slug)).GetProperty("items").EnumerateArray());
        Assert.Single((await ListAsync(poll.Slug, "?status=released")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ADiscardedVoteNeverCountsAndStillUsesItsDevicesAllowance()
    {
        var poll = await HoldingPollAsync("hold-discard");
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(fan, poll.Slug, userAgent: null));
        await WaitForResultsAsync(poll.Slug, total: 0, held: 1);
        var held = await ListAsync(poll.Slug, "?signal=no-user-agent");

        var discarded = await DecideAsync(poll.Slug, "discard", new { ids = Ids(held) });

        Assert.Equal(1, discarded.GetProperty("decided").GetInt32());
        await WaitForResultsAsync(poll.Slug, total: 0, held: 0, discarded: 1);
        Assert.Equal(HttpStatusCode.Conflict, await VoteAsync(fan, poll.Slug, Browser));
        // A release after the discard finds nothing held.
        Assert.Equal(0, (await DecideAsync(poll.Slug, "release", new { ids = Ids(held) })).GetProperty("decided").GetInt32());
    }

    [Fact]
    public async Task WithoutHoldingSuspectVotesCountAtOnceAndKeepTheirSignals()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("no-hold"));
        using var script = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(script, poll.Slug, "curl/8.11.1"));
        await WaitForResultsAsync(poll.Slug, total: 1, held: 0);

        var rows = Host.Tables.GetTableClient(Host.Names.VotesTable).QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey gt {poll.Slug + "|"} and PartitionKey lt {poll.Slug + "|~"} and RowKey ne {"tally"}"));
        var row = Assert.Single(await rows.ToListAsync());
        Assert.Equal("headless", row.GetString(ReviewRows.SignalsProperty));
        Assert.Null(row.GetString(ReviewRows.StatusProperty));
    }

    [Fact]
    public async Task ARedeliveredHeldSubmissionIsHeldOnce()
    {
        var poll = await HoldingPollAsync("hold-redeliver");
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(fan, poll.Slug, Script));
        await WaitForResultsAsync(poll.Slug, total: 0, held: 1);
        var id = Assert.Single(Ids(await ListAsync(poll.Slug)));
        var (partition, rowKey) = ReviewIds.Parse((await Host.Services.GetRequiredService<CampaignEngine.Campaigns.CampaignStore>().FindCampaignAsync(poll.Slug))!.Campaign, id)!.Value;
        var row = (await Host.Tables.GetTableClient(Host.Names.VotesTable).GetEntityAsync<Azure.Data.Tables.TableEntity>(partition, rowKey)).Value;
        var parts = rowKey.Split('|');
        var again = new SubmissionAccepted(row.GetString("Receipt")!, poll.Slug, parts[0], "choc", parts[1], parts[2], int.Parse(parts[3]),
            int.Parse(partition[(partition.LastIndexOf('|') + 1)..]), row.GetDateTimeOffset("AcceptedAt")!.Value, Signals: "headless", Held: true);

        var written = await Host.Services.GetRequiredService<ProjectionWriter>().WriteAsync(partition, [again]);

        Assert.Equal(0, written);
        await DecideAsync(poll.Slug, "release", new { ids = new[] { id } });
        await Host.Services.GetRequiredService<ProjectionWriter>().WriteAsync(partition, [again]);
        await WaitForResultsAsync(poll.Slug, total: 1, held: 0);
    }

    [Fact]
    public async Task RacingReleasesAndDiscardsDecideEachSubmissionExactlyOnce()
    {
        var poll = await HoldingPollAsync("hold-race");
        var fans = Enumerable.Range(0, 30).Select(_ => Host.CreateClient()).ToList();
        try
        {
            var sent = await Task.WhenAll(fans.Select(f => VoteAsync(f, poll.Slug, Script)));
            Assert.All(sent, s => Assert.Equal(HttpStatusCode.Accepted, s));
            await WaitForResultsAsync(poll.Slug, total: 0, held: 30);
            var ids = Ids(await ListAsync(poll.Slug));
            Assert.Equal(30, ids.Count);

            var decisions = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                DecideAsync(poll.Slug, i % 2 == 0 ? "release" : "discard", new { ids })));

            var released = decisions.Where((_, i) => i % 2 == 0).Sum(d => d.GetProperty("decided").GetInt32());
            var discarded = decisions.Where((_, i) => i % 2 == 1).Sum(d => d.GetProperty("decided").GetInt32());
            Assert.Equal(30, released + discarded);
            await WaitForResultsAsync(poll.Slug, total: released, held: 0, discarded: discarded);
        }
        finally
        {
            foreach (var fan in fans) fan.Dispose();
        }
    }

    [Fact]
    public async Task ReleasingAllWithASignalLeavesTheOthersHeld()
    {
        var poll = await HoldingPollAsync("hold-all");
        using var a = Host.CreateClient();
        using var b = Host.CreateClient();
        using var c = Host.CreateClient();
        await VoteAsync(a, poll.Slug, Script);
        await VoteAsync(b, poll.Slug, Script);
        await VoteAsync(c, poll.Slug, userAgent: null);
        await WaitForResultsAsync(poll.Slug, total: 0, held: 3);

        var released = await DecideAsync(poll.Slug, "release", new { all = true, signal = "headless" });

        Assert.Equal(2, released.GetProperty("decided").GetInt32());
        Assert.False(released.GetProperty("more").GetBoolean());
        await WaitForResultsAsync(poll.Slug, total: 2, held: 1);
        var rest = await DecideAsync(poll.Slug, "discard", new { all = true });
        Assert.Equal(1, rest.GetProperty("decided").GetInt32());
        await WaitForResultsAsync(poll.Slug, total: 2, held: 0, discarded: 1);
    }

    [Fact]
    public async Task ADeviceThatKeepsTryingAndANetworkThatBurstsAreSignalled()
    {
        var poll = await HoldingPollAsync("hold-bursts", new { holdSuspect = true, deviceBurst = 2, networkBurst = 4 }, votesPerVoter: 5);
        using var device = Host.CreateClient();
        // One device, one address: attempts are counted once it has its cookie, so its fourth vote is its third
        // attempt, past deviceBurst (the network has seen 4, not past networkBurst yet).
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(device, poll.Slug, Browser, forwardedFor: "198.51.100.60"));
        // Fresh devices from the same /24: the network's fifth and sixth are past networkBurst.
        for (var i = 0; i < 2; i++)
        {
            using var fresh = Host.CreateClient();
            Assert.Equal(HttpStatusCode.Accepted, await VoteAsync(fresh, poll.Slug, Browser, forwardedFor: $"198.51.100.{70 + i}"));
        }
        await WaitForResultsAsync(poll.Slug, total: 3, held: 3);

        var signals = (await ListAsync(poll.Slug)).GetProperty("items").EnumerateArray()
            .Select(i => string.Join(",", i.GetProperty("signals").EnumerateArray().Select(s => s.GetString()))).Order().ToList();
        Assert.Equal(["device-burst", "network-burst", "network-burst"], signals);
    }

    [Fact]
    public async Task AnUnsolvedChallengeAndADeviceThatFailedOneAreSignalled()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("hold-challenge")
            .With("protection", Challenges.Protection()).With("review", new { holdSuspect = true }));
        using var noScript = Host.CreateClient();
        using var prober = Host.CreateClient();
        using var fan = Host.CreateClient();
        foreach (var client in new[] { noScript, prober, fan }) client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);

        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(noScript, poll.Slug, solution: null, "198.51.100.90")).StatusCode);
        var probed = await Challenges.FetchAsync(prober, poll.Slug);
        var wrong = Enumerable.Range(0, 1000).Select(n => "w" + n).First(n => !CampaignEngine.FairPlay.Challenges.ProofOfWork.IsSolved(probed.Challenge, n, probed.Difficulty));
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(prober, poll.Slug, probed.Challenge + ":" + wrong, "198.51.100.91"), "does not solve");
        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(prober, poll.Slug, probed.Solution, "198.51.100.91")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Challenges.VoteAsync(fan, poll.Slug, (await Challenges.FetchAsync(fan, poll.Slug)).Solution, "198.51.100.92")).StatusCode);

        await WaitForResultsAsync(poll.Slug, total: 1, held: 2);
        var signals = (await ListAsync(poll.Slug)).GetProperty("items").EnumerateArray()
            .Select(i => string.Join(",", i.GetProperty("signals").EnumerateArray().Select(s => s.GetString()))).Order().ToList();
        Assert.Equal(["challenge-failed", "unsolved-challenge"], signals);
    }

    [Fact]
    public async Task TheResultsPageSaysHowManyAreHeld()
    {
        var poll = await HoldingPollAsync("hold-page");
        using var fan = Host.CreateClient();
        await VoteAsync(fan, poll.Slug, Script);
        await WaitForResultsAsync(poll.Slug, total: 0, held: 1);

        using var reader = Host.CreateClient();
        var page = await Eventually.ReturnsAsync(() => reader.GetPageAsync($"/c/{poll.Slug}/results"),
            p => p.Document.QuerySelector(".meta")?.TextContent.Contains("Held for review: 1", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(20), "the held line on the results page");
        Assert.NotNull(page);
    }

    [Theory]
    [InlineData("?status=maybe", "status")]
    [InlineData("?signal=psychic", "signal")]
    [InlineData("?limit=0", "limit")]
    public async Task ABadListQueryNamesItsField(string query, string field)
    {
        var poll = await HoldingPollAsync("hold-badlist");
        using var response = await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}/review{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ABadDecisionNamesItsFieldAndUnknownIdsAreNotHeld()
    {
        var poll = await HoldingPollAsync("hold-baddecide");
        using var both = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{poll.Slug}/review/release", new { ids = new[] { "001|x" }, all = true });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        using var none = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{poll.Slug}/review/release", new { });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        using var missing = await Host.Admin.PostAsJsonAsync("/api/campaigns/no-such-campaign/review/release", new { all = true });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var odd = await DecideAsync(poll.Slug, "release", new { ids = new[] { "999|v|a|c|001", "000|tally", "nonsense", "000|v|ab|c|001" } });
        Assert.Equal(0, odd.GetProperty("decided").GetInt32());
        Assert.Equal(4, odd.GetProperty("notHeld").GetArrayLength());
    }

    private static long Option(JsonElement results, string id) =>
        results.GetProperty("options").EnumerateArray().First(o => o.GetProperty("id").GetString() == id).GetProperty("votes").GetInt64();
}
