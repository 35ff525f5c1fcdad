namespace CampaignEngine.Hosting;

/// <summary>One delivery of a queue message, whichever host delivered it.</summary>
public sealed record QueueInvocation(string MessageText, string MessageId, long DequeueCount, DateTimeOffset? InsertionTime);

/// <summary>
/// A queue-triggered function. Implementations must be idempotent (delivery is at least once)
/// and must throw on failure so the host retries and, in the end, poisons the message.
/// </summary>
public interface IQueueFunction
{
    /// <summary>The function name: the folder of its function.json and the custom-handler route.</summary>
    string Name { get; }

    /// <summary>The logical queue name (before any storage prefix).</summary>
    string Queue { get; }

    Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// A queue function that can also take a whole received batch at once. The standalone listener
/// uses it to write the votes of many messages in fewer, fuller transactions; the Functions host
/// invokes per message. If the batch fails, the listener retries its messages one by one, so one
/// bad message is isolated (and in the end poisoned) while the rest are counted.
/// </summary>
public interface IBatchQueueFunction : IQueueFunction
{
    Task RunBatchAsync(IReadOnlyList<QueueInvocation> invocations, CancellationToken cancellationToken);
}
