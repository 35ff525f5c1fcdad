using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignEngine.IntegrationTests.Voting;

/// <summary>The tally side on its own: redelivery, duplicates inside a message, poison.</summary>
public sealed class TallyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    private static SubmissionAccepted Vote(string slug, string voter, string option = "choc", int slot = 1)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(voter)))[..32];
        return new SubmissionAccepted(Guid.NewGuid().ToString("N"), slug, "v", option, key, "c", slot, SubmissionKeys.ShardOf(key, 16), DateTimeOffset.UtcNow);
    }

    private static QueueInvocation Message(params SubmissionAccepted[] votes) =>
        new(JsonSerializer.Serialize(new Batch<SubmissionAccepted>(votes), MessageJson.Options), Guid.NewGuid().ToString(), 1, DateTimeOffset.UtcNow);

    [Fact]
    public async Task AMessageDeliveredTwiceCountsOnce()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("redeliver"));
        var message = Message(Enumerable.Range(0, 150).Select(i => Vote(poll.Slug, $"voter-{i}", i % 2 == 0 ? "choc" : "van")).ToArray());

        await Tally.RunAsync(message, CancellationToken.None);
        await Tally.RunAsync(message, CancellationToken.None);

        var results = await Host.WaitForTotalAsync(poll.Slug, 150);
        var votes = results.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("votes").GetInt64());
        Assert.Equal(75, votes["choc"]);
        Assert.Equal(75, votes["van"]);
    }

    [Fact]
    public async Task AnAlreadyCountedVoteDoesNotSinkTheOthersInItsTransaction()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("mixed"));
        var old = Vote(poll.Slug, "old-voter");
        await Tally.RunAsync(Message(old), CancellationToken.None);

        // Same partition as the old vote, so they share one entity-group transaction.
        var fresh = Enumerable.Range(0, 400).Select(i => Vote(poll.Slug, $"new-{i}", "van")).Where(v => v.Shard == old.Shard).Take(10).ToArray();
        await Tally.RunAsync(Message([old with { Receipt = "again" }, .. fresh, old]), CancellationToken.None);

        var results = await Host.WaitForTotalAsync(poll.Slug, 1 + fresh.Length);
        Assert.Equal(fresh.Length, results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "van").GetProperty("votes").GetInt64());
    }

    [Fact]
    public async Task TalliesAreSpreadOverShardPartitions()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("spread"));
        await Tally.RunAsync(Message(Enumerable.Range(0, 200).Select(i => Vote(poll.Slug, $"s-{i}")).ToArray()), CancellationToken.None);

        var table = Host.Tables.GetTableClient(Host.Names.VotesTable);
        var tallies = new List<TableEntity>();
        for (var shard = 0; shard < 16; shard++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(SubmissionKeys.Partition(poll.Slug, shard), SubmissionKeys.CounterRow);
            if (row.HasValue) tallies.Add(row.Value!);
        }
        Assert.True(tallies.Count >= 12, $"200 voters landed in only {tallies.Count} of 16 shards");
        Assert.Equal(200, tallies.Sum(t => t.GetInt64("total")));
    }

    [Fact]
    public async Task WritersOnDifferentInstancesRacingForOneShardLoseNoIncrement()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("race"));
        var votes = Enumerable.Range(0, 3000).Select(i => Vote(poll.Slug, $"r-{i}", i % 2 == 0 ? "choc" : "van"))
            .Where(v => v.Shard == 0).Take(120).ToList();
        // Separate writers stand for separate engine instances: only the tally row's ETag keeps them honest.
        var clients = Host.Services.GetRequiredService<StorageClients>();
        var writers = Enumerable.Range(0, 4).Select(_ => new ProjectionWriter(clients, Host.Names, Host.Services.GetRequiredService<CampaignEngine.Kinds.CampaignKinds>(),
            Microsoft.Extensions.Options.Options.Create(new ProjectionOptions()), NullLogger<ProjectionWriter>.Instance)).ToList();

        var counted = await Task.WhenAll(votes.Chunk(10).Select((chunk, i) => writers[i % writers.Count].WriteAsync(chunk[0].PartitionKey, chunk)));

        Assert.Equal(votes.Count, counted.Sum());
        var results = await Host.WaitForTotalAsync(poll.Slug, votes.Count);
        Assert.Equal(votes.Count(v => v.Data == "choc"),
            results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "choc").GetProperty("votes").GetInt64());
    }

    [Fact]
    public async Task AMessageThatKeepsFailingLandsInThePoisonQueueIntact()
    {
        var queue = Host.Queues.GetQueueClient(Host.Names.VotesQueue);
        var poison = Host.Queues.GetQueueClient(StorageNames.Poison(Host.Names.VotesQueue));
        const string body = "{\"items\": \"this is not a list of votes\"}";

        await queue.SendMessageAsync(body);

        var poisoned = await Eventually.ReturnsAsync(
            async () => (await poison.PeekMessagesAsync(10)).Value,
            messages => messages.Length > 0, TimeSpan.FromSeconds(30), "the bad message to reach votes-poison");
        Assert.Equal(body, poisoned.Single().Body.ToString());
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task ABadMessageInAReceivedBatchIsPoisonedAloneAndTheOthersAreCounted()
    {
        // Queue everything first with no listener, so one receive takes the whole batch.
        await using var quiet = await EngineHost.StartAsync(new Dictionary<string, string?> { ["QueueListener:Enabled"] = "false" });
        var poll = await quiet.CreateCampaignAsync(new PollBuilder().UniqueSlug("batch"));
        var queue = quiet.Queues.GetQueueClient(quiet.Names.VotesQueue);
        const string bad = "{\"items\": 42}";
        for (var m = 0; m < 6; m++)
        {
            if (m == 3) await queue.SendMessageAsync(bad);
            await queue.SendMessageAsync(Message(Enumerable.Range(0, 20).Select(i => Vote(poll.Slug, $"b-{m}-{i}")).ToArray()).MessageText);
        }

        await using var listening = await EngineHost.StartAsync(prefix: quiet.Prefix);

        await listening.WaitForTotalAsync(poll.Slug, 120);
        var poison = listening.Queues.GetQueueClient(StorageNames.Poison(listening.Names.VotesQueue));
        var poisoned = await Eventually.ReturnsAsync(async () => (await poison.PeekMessagesAsync(10)).Value,
            messages => messages.Length > 0, TimeSpan.FromSeconds(30), "the bad message to reach votes-poison");
        Assert.Equal(bad, poisoned.Single().Body.ToString());
        await Eventually.ReturnsAsync(async () => (await queue.PeekMessagesAsync(10)).Value, m => m.Length == 0,
            TimeSpan.FromSeconds(30), "the votes queue to drain");
        Assert.Equal(120, (await listening.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task PoisonedMessagesCanBeReplayed()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["QueueListener:Enabled"] = "false" });
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("replay"));
        var poison = host.Queues.GetQueueClient(StorageNames.Poison(host.Names.VotesQueue));
        await poison.SendMessageAsync(Message(Vote(poll.Slug, "replayed")).MessageText);

        var replay = await host.Admin.PostAsync("/api/admin/queues/votes/replay-poison", null);
        replay.EnsureSuccessStatusCode();
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        Assert.Empty((await poison.PeekMessagesAsync()).Value);

        var main = host.Queues.GetQueueClient(host.Names.VotesQueue);
        var message = Assert.Single((await main.ReceiveMessagesAsync(10)).Value);
        await host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single()
            .RunAsync(new QueueInvocation(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn), CancellationToken.None);
        await host.WaitForTotalAsync(poll.Slug, 1);
    }
}
