using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Voting;

/// <summary>The <c>votes</c> queue function: counts each vote of a message exactly once.</summary>
public sealed class VoteTallyFunction(TallyWriter writer, ILogger<VoteTallyFunction> logger) : IBatchQueueFunction
{
    public string Name => "VoteTally";
    public string Queue => QueueNames.Votes;

    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) => RunBatchAsync([invocation], cancellationToken);

    public async Task RunBatchAsync(IReadOnlyList<QueueInvocation> invocations, CancellationToken cancellationToken)
    {
        var votes = invocations.SelectMany(i => Batch<VoteAccepted>.Parse(i.MessageText).Items).ToList();
        // Votes of the same shard from different messages share transactions: fewer, fuller writes.
        var counted = await Task.WhenAll(votes
            .GroupBy(v => v.PartitionKey)
            .Select(g => writer.WriteAsync(g.Key, g.ToList(), cancellationToken)));
        logger.LogInformation("Tallied {Counted} of {Received} votes from {Messages} message(s), first {MessageId} (dequeue {DequeueCount})",
            counted.Sum(), votes.Count, invocations.Count, invocations[0].MessageId, invocations[0].DequeueCount);
    }
}
