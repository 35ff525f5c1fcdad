using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Voting;

/// <summary>The <c>votes</c> queue function: counts each vote of a message exactly once.</summary>
public sealed class VoteTallyFunction(TallyWriter writer, ILogger<VoteTallyFunction> logger) : IQueueFunction
{
    public string Name => "VoteTally";
    public string Queue => QueueNames.Votes;

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var batch = Batch<VoteAccepted>.Parse(invocation.MessageText);
        var counted = await Task.WhenAll(batch.Items
            .GroupBy(v => v.PartitionKey)
            .Select(g => writer.WriteAsync(g.Key, g.ToList(), cancellationToken)));
        logger.LogInformation("Tallied {Counted} of {Received} votes from message {MessageId} (dequeue {DequeueCount})",
            counted.Sum(), batch.Items.Count, invocation.MessageId, invocation.DequeueCount);
    }
}
