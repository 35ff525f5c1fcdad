using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Submissions;

/// <summary>
/// The submissions queue function (deployed as <c>VoteTally</c> on the <c>votes</c> queue, the
/// names it had when polls were the only kind): projects each submission of a message exactly once.
/// </summary>
public sealed class ProjectionFunction(ProjectionWriter writer, ILogger<ProjectionFunction> logger) : IBatchQueueFunction
{
    public string Name => "VoteTally";
    public string Queue => QueueNames.Votes;

    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) => RunBatchAsync([invocation], cancellationToken);

    public async Task RunBatchAsync(IReadOnlyList<QueueInvocation> invocations, CancellationToken cancellationToken)
    {
        var submissions = invocations.SelectMany(i => Batch<SubmissionAccepted>.Parse(i.MessageText).Items).ToList();
        // Submissions of the same shard from different messages share transactions: fewer, fuller writes.
        var counted = await Task.WhenAll(submissions
            .GroupBy(s => s.PartitionKey)
            .Select(g => writer.WriteAsync(g.Key, g.ToList(), cancellationToken)));
        // Debug: one line per message would drown everything else. "Already counted" are redeliveries, not losses.
        logger.LogDebug("Projected {New} new submissions ({Repeats} already counted) from {Messages} message(s), first {MessageId} (dequeue {DequeueCount})",
            counted.Sum(), submissions.Count - counted.Sum(), invocations.Count, invocations[0].MessageId, invocations[0].DequeueCount);
    }
}
