using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>What a fan's client does with a campaign's proof-of-work challenge, over real HTTP.</summary>
internal static class Challenges
{
    /// <summary>Proof of work on (8 bits: quick for tests), the network limits off so only the challenge's own rules count.</summary>
    public static object Protection(int difficulty = 8, int unsolvedPerNetwork = 30) => new
    {
        perAddress = (object?)null,
        perNetwork = (object?)null,
        proofOfWork = new { difficulty, unsolvedPerNetwork = new { limit = unsolvedPerNetwork, windowMinutes = 60 } },
    };

    public sealed record Issued(string Challenge, int Difficulty, int ExpiresIn)
    {
        public string Solution => Challenge + ":" + ProofOfWork.Solve(Challenge, Difficulty);
    }

    public static async Task<Issued> FetchAsync(HttpClient fan, string slug)
    {
        using var response = await fan.GetAsync($"/c/{slug}/challenge");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Issued(body.GetProperty("challenge").GetString()!, body.GetProperty("difficulty").GetInt32(), body.GetProperty("expiresIn").GetInt32());
    }

    public static async Task<HttpResponseMessage> VoteAsync(
        HttpClient fan, string slug, string? solution, string? forwardedFor = null, string? idempotencyKey = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        if (solution is not null) request.Headers.Add(ChallengeGate.Header, solution);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await fan.SendAsync(request);
    }

    /// <summary>The refusal of a bad solution: a 400 ProblemDetails naming <c>challenge</c>, whose text says why.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string why)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty(ChallengeErrors.Field)[0].GetString();
        Assert.Contains(why, message);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>The device id inside a fan's signed device cookie.</summary>
    public static string DeviceOf(FanClient fan, string slug) => fan.DeviceCookieHeader(slug)["ce_device=".Length..].Split('~')[0];

    /// <summary>How many used-challenge rows name the campaign.</summary>
    public static async Task<int> UsedAsync(EngineHost host, string slug)
    {
        var table = host.Tables.GetTableClient(host.Names.ChallengesTable);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Campaign eq {slug}"))) count++;
        return count;
    }

    /// <summary>
    /// How many of the campaign's stored submissions came without a solution (signal <c>unsolved-challenge</c>):
    /// the way to tell a vote taken with its challenge from one taken under the fallback, since a device's
    /// first challenge leaves no single-use row.
    /// </summary>
    public static async Task<int> UnsolvedAsync(EngineHost host, string slug)
    {
        var table = host.Tables.GetTableClient(host.Names.VotesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {slug + "|"} and PartitionKey lt {slug + "|~"}");
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            if (row.GetString(CampaignEngine.Review.ReviewRows.SignalsProperty)?.Contains(CampaignEngine.Review.SuspicionSignals.Unsolved) == true) count++;
        }
        return count;
    }
}
