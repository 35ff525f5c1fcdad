using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Voting;

public sealed class VotingTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task AJsonVoteGetsAReceiptAndIsCounted()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("json"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();
        Assert.False(string.IsNullOrEmpty(receipt));
        var results = await Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(poll.Slug, results.GetProperty("slug").GetString());
        var van = results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "van");
        Assert.Equal(1, van.GetProperty("votes").GetInt64());
        Assert.Equal(100.0, van.GetProperty("percent").GetDouble());
        Assert.Equal("Vanilla", van.GetProperty("label").GetString());
        Assert.True(results.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task AFormVoteRedirectsToTheThankYouPage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("form"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent(new Dictionary<string, string> { ["optionId"] = "choc" }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith($"/c/{poll.Slug}/thanks?receipt=", response.Headers.Location?.OriginalString);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task TheSameDeviceVotingTwiceCountsOnce()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("twice"));
        using var fan = Host.CreateClient();

        var first = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });
        var second = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task ADeviceThatLostItsPollCookieStillCannotVoteAgain()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("lost"));
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        using var sameDevice = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Host.BaseAddress };
        var deviceCookie = fan.DeviceCookieHeader(poll.Slug);

        var again = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "van" }) };
        again.Headers.Add("Cookie", deviceCookie);
        var response = await sameDevice.SendAsync(again);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task TwoHundredConcurrentDistinctVotersTallyToExactlyTwoHundred()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("crowd"));
        var options = new[] { "choc", "van", "straw" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var fan = Host.CreateClient();
            return await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = options[i % 3] });
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var results = await Host.WaitForTotalAsync(poll.Slug, 200);
        var votes = results.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("votes").GetInt64());
        Assert.Equal(67, votes["choc"]);
        Assert.Equal(67, votes["van"]);
        Assert.Equal(66, votes["straw"]);
    }

    [Fact]
    public async Task ConcurrentRepeatsFromOneDeviceCountOnce()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("burst"));
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        var device = fan.DeviceCookieHeader(poll.Slug);

        // Twenty simultaneous votes carrying only the device cookie (no per-poll cookie).
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Host.BaseAddress };
            var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "van" }) };
            request.Headers.Add("Cookie", device);
            return await client.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task ARuleOfTwoVotesPerVoterAllowsExactlyTwo()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("two").WithVotesPerVoter(2));
        using var fan = Host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var option in new[] { "choc", "van", "straw" })
        {
            statuses.Add((await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = option })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Conflict], statuses);
        await Host.WaitForTotalAsync(poll.Slug, 2);
    }

    [Fact]
    public async Task DraftsAreInvisibleAndClosedPollsRefuseVotes()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("draft"), publish: false);
        var closed = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("closed"));
        (await Host.Admin.PostAsync($"/api/campaigns/{closed.Slug}/close", null)).EnsureSuccessStatusCode();
        using var fan = Host.CreateClient();

        var toDraft = await fan.PostAsJsonAsync($"/c/{draft.Slug}/votes", new { optionId = "choc" });
        var toClosed = await fan.PostAsJsonAsync($"/c/{closed.Slug}/votes", new { optionId = "choc" });
        var toNothing = await fan.PostAsJsonAsync("/c/no-such-poll/votes", new { optionId = "choc" });

        Assert.Equal(HttpStatusCode.NotFound, toDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, toClosed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toNothing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fan.GetAsync($"/c/{draft.Slug}")).StatusCode);
    }

    [Fact]
    public async Task BadVotesAreAnsweredClearlyAndNotCounted()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("bad"));
        using var fan = Host.CreateClient();

        var unknownOption = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "mint" });
        Assert.Contains("optionId", (await CampaignApiTests.ValidationErrorsAsync(unknownOption)).Keys);

        var missingOption = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { email = "a@b.c" });
        Assert.Contains("optionId", (await CampaignApiTests.ValidationErrorsAsync(missingOption)).Keys);

        var malformed = await fan.PostAsync($"/c/{poll.Slug}/votes", new StringContent("{\"optionId\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var wrongType = await fan.PostAsync($"/c/{poll.Slug}/votes", new StringContent("optionId=choc", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        var huge = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc", name = new string('n', 70_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var badSlug = await fan.PostAsJsonAsync("/c/Bad_Slug!/votes", new { optionId = "choc" });
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);

        // After all that, the same fan can still cast its one real vote.
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }
}
