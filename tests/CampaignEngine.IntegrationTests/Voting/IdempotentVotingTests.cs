using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Voting;

/// <summary>
/// A fan on a flaky network retries a vote whose answer never arrived. With an Idempotency-Key,
/// every retry ends in the one counted vote and gets its receipt, before and after the tally.
/// </summary>
public sealed class IdempotentVotingTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task RetriesWithoutCookiesCountOnceAndGetTheSameReceipt()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("retry"));
        // No cookie jar: the answers that would have set the device cookie are "lost".
        using var fan = Host.CreateClient(cookies: false);
        var key = Guid.NewGuid().ToString();

        var (firstStatus, first) = await VoteAsync(fan, poll.Slug, "choc", key);
        var (soonStatus, soon) = await VoteAsync(fan, poll.Slug, "choc", key);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        var (lateStatus, late) = await VoteAsync(fan, poll.Slug, "choc", key);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], [firstStatus, soonStatus, lateStatus]);
        Assert.Equal(first, soon);
        Assert.Equal(first, late);
        Assert.Equal(1, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
        Assert.Equal([first!], await StoredReceiptsAsync(poll.Slug));
    }

    [Fact]
    public async Task DifferentKeysWithoutCookiesAreDifferentVoters()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("keys"));
        using var fan = Host.CreateClient(cookies: false);

        var (_, one) = await VoteAsync(fan, poll.Slug, "choc", Guid.NewGuid().ToString());
        var (_, two) = await VoteAsync(fan, poll.Slug, "van", Guid.NewGuid().ToString());

        Assert.NotNull(one);
        Assert.NotNull(two);
        Assert.NotEqual(one, two);
        await Host.WaitForTotalAsync(poll.Slug, 2);
    }

    [Fact]
    public async Task ARetryUnderAnAllowanceOfTwoDoesNotSpendTheSecondVote()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("allow").WithVotesPerVoter(2));
        using var fan = Host.CreateClient();
        var key = Guid.NewGuid().ToString();

        var (_, first) = await VoteAsync(fan, poll.Slug, "choc", key);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        var (retryStatus, retry) = await VoteAsync(fan, poll.Slug, "choc", key);
        var (secondStatus, second) = await VoteAsync(fan, poll.Slug, "van", Guid.NewGuid().ToString());
        var (thirdStatus, _) = await VoteAsync(fan, poll.Slug, "straw", Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Accepted, retryStatus);
        Assert.Equal(first, retry);
        Assert.Equal(HttpStatusCode.Accepted, secondStatus);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Conflict, thirdStatus);
        var results = await Host.WaitForTotalAsync(poll.Slug, 2);
        Assert.Equal(0, results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "straw").GetProperty("votes").GetInt64());
    }

    [Fact]
    public async Task ARetryWhoseFirstAnswerAndCookieArrivedIsThatVoteEvenBeforeTheTallyRuns()
    {
        // Nothing tallies: the retry can only be recognized by this instance's claim, not by a counted row.
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["QueueListener:Enabled"] = "false" });
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("cookieretry"));
        using var fan = host.CreateClient();
        var key = Guid.NewGuid().ToString();

        var (firstStatus, first) = await VoteAsync(fan, poll.Slug, "choc", key);
        var (retryStatus, retry) = await VoteAsync(fan, poll.Slug, "choc", key);
        var (otherStatus, _) = await VoteAsync(fan, poll.Slug, "van", Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (firstStatus, retryStatus));
        Assert.Equal(first, retry);
        Assert.Equal(HttpStatusCode.Conflict, otherStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public async Task AMalformedIdempotencyKeyIsRefusedByName(string key)
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("badkey"));
        using var fan = Host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await fan.SendAsync(request);

        Assert.Contains("Idempotency-Key", (await CampaignApiTests.ValidationErrorsAsync(response)).Keys);
        Assert.Equal(0, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task TooLongAKeyIsRefused()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("longkey"));
        using var fan = Host.CreateClient();

        var (status, receipt) = await VoteAsync(fan, poll.Slug, "choc", new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(receipt);
    }

    private static async Task<(HttpStatusCode Status, string? Receipt)> VoteAsync(HttpClient fan, string slug, string option, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId = option }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await fan.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Accepted
            ? (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString())
            : (response.StatusCode, null);
    }

    private async Task<List<string>> StoredReceiptsAsync(string slug)
    {
        var table = Host.Tables.GetTableClient(Host.Names.VotesTable);
        var rows = table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(slug + "|") > 0 && e.PartitionKey.CompareTo(slug + "|~") < 0);
        var receipts = new List<string>();
        await foreach (var row in rows)
        {
            if (row.RowKey.StartsWith("v|", StringComparison.Ordinal)) receipts.Add(row.GetString("Receipt"));
        }
        return receipts;
    }
}
