using CampaignEngine.Hosting;
using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Messaging;

/// <summary>
/// Hands outbox rows to the function of their queue, exactly as a queue delivery would: the same
/// idempotent code, the same attempt count, the same poison queue after too many failures. A row
/// is deleted only after its function succeeded, so a crash mid-drain means a redelivery, not a loss.
/// </summary>
public sealed class OutboxDrainer(
    QueueOutbox outbox, IEnumerable<IQueueFunction> functions, StorageClients clients, StorageNames names,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxDrainer> logger)
{
    private readonly IReadOnlyList<IQueueFunction> byQueue = functions.GroupBy(f => f.Queue).Select(g => g.First()).ToList();

    /// <summary>One pass over every queue's due rows; returns how many were run to completion.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var drained = 0;
        foreach (var function in byQueue)
        {
            drained += await DrainAsync(function, cancellationToken);
        }
        return drained;
    }

    private async Task<int> DrainAsync(IQueueFunction function, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = new List<OutboxRow>();
        await foreach (var row in outbox.WrittenBeforeAsync(function.Queue, time.GetUtcNow() - settings.DrainAfter, settings.BatchSize, cancellationToken))
        {
            due.Add(row);
        }
        var drained = 0;
        foreach (var chunk in due.Chunk(settings.LeaseChunk))
        {
            drained += await DrainChunkAsync(function, chunk, cancellationToken);
        }
        return drained;
    }

    private async Task<int> DrainChunkAsync(IQueueFunction function, OutboxRow[] due, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var leased = (await Task.WhenAll(due.Select(r => outbox.TryLeaseAsync(r, now, now + settings.Lease, cancellationToken))))
            .OfType<OutboxRow>().ToList();
        var expired = leased.Where(r => r.Attempts > settings.MaxAttempts).ToList();
        await Task.WhenAll(expired.Select(r => PoisonAsync(function, r, cancellationToken)));
        var live = leased.Except(expired).ToList();
        if (live.Count == 0) return 0;

        logger.LogInformation("Draining {Count} outbox message(s) of {Queue} into {Function}", live.Count, function.Queue, function.Name);
        if (function is IBatchQueueFunction batched && live.Count > 1)
        {
            try
            {
                await batched.RunBatchAsync(live.Select(Invocation).ToList(), cancellationToken);
                await Task.WhenAll(live.Select(r => outbox.CompleteAsync(r, cancellationToken)));
                return live.Count;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One bad row must not hold up the others: run them one by one, as the queue listener does.
                logger.LogWarning(ex, "{Function} failed on a batch of {Count} outbox rows; trying them one by one", function.Name, live.Count);
            }
        }

        var done = await Task.WhenAll(live.Select(r => RunOneAsync(function, r, cancellationToken)));
        return done.Count(ok => ok);
    }

    private async Task<bool> RunOneAsync(IQueueFunction function, OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            await function.RunAsync(Invocation(row), cancellationToken);
            await outbox.CompleteAsync(row, cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and the next pass tries again, up to MaxAttempts.
            logger.LogWarning(ex, "{Function} failed on outbox row {RowKey} (attempt {Attempt} of {MaxAttempts})",
                function.Name, row.RowKey, row.Attempts, options.Value.MaxAttempts);
            return false;
        }
    }

    private async Task PoisonAsync(IQueueFunction function, OutboxRow row, CancellationToken cancellationToken)
    {
        var poison = clients.Queues.GetQueueClient(StorageNames.Poison(names.Queue(function.Queue)));
        await poison.SendMessageAsync(row.Body, cancellationToken: cancellationToken);
        await outbox.CompleteAsync(row, cancellationToken);
        logger.LogError("Outbox row {RowKey} moved to {PoisonQueue} after {Attempts} attempts", row.RowKey, poison.Name, row.Attempts - 1);
    }

    private static QueueInvocation Invocation(OutboxRow row) => new(row.Body.ToString(), "outbox-" + row.RowKey, row.Attempts, row.WrittenAt);
}
