using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Hosting;

/// <summary>
/// Runs one queue function in the standalone host with the Functions queue-trigger semantics:
/// batched receives, randomized exponential back-off when idle, messages hidden while processed
/// (the lease renewed every half lease for as long as the function works, as the Functions host does),
/// retry after a failure and, once the dequeue count reaches the limit, the body moved intact to
/// <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed class QueueListener(
    IEnumerable<IQueueFunction> functions,
    StorageClients clients,
    StorageNames names,
    IOptions<QueueListenerOptions> options,
    ILogger<QueueListener> logger) : BackgroundService
{
    private readonly QueueListenerOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        settings.Enabled
            ? Task.WhenAll(functions.Select(f => ListenAsync(f, stoppingToken)))
            : Task.CompletedTask;

    private Task ListenAsync(IQueueFunction function, CancellationToken stoppingToken)
    {
        var queue = clients.Queues.GetQueueClient(names.Queue(function.Queue));
        var poison = clients.Queues.GetQueueClient(StorageNames.Poison(queue.Name));
        return Task.WhenAll(Enumerable.Range(0, settings.Concurrency)
            .Select(_ => Task.Run(() => ReceiveLoopAsync(function, queue, poison, stoppingToken), stoppingToken)));
    }

    private async Task ReceiveLoopAsync(IQueueFunction function, QueueClient queue, QueueClient poison, CancellationToken stoppingToken)
    {
        var idleDelay = settings.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, settings.MessageLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Receiving from {Queue} failed; backing off", queue.Name);
                messages = [];
            }

            if (messages.Length == 0)
            {
                idleDelay = NextIdleDelay(idleDelay);
                try { await Task.Delay(idleDelay, stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }

            idleDelay = settings.MinPollingInterval;
            // Deliberately not bound to stoppingToken: a batch already taken is finished on shutdown
            // rather than abandoned half way (the lease would hide it for a while otherwise).
            await (function is IBatchQueueFunction batched && messages.Length > 1
                ? ProcessBatchAsync(batched, queue, poison, messages)
                : Task.WhenAll(messages.Select(m => ProcessAsync(function, queue, poison, m, m.PopReceipt))));
        }
    }

    /// <summary>Runs the whole batch at once; when that fails, each message gets a try of its own.</summary>
    private async Task ProcessBatchAsync(IBatchQueueFunction function, QueueClient queue, QueueClient poison, QueueMessage[] messages)
    {
        var expired = messages.Where(m => m.DequeueCount > settings.MaxDequeueCount).ToList();
        await Task.WhenAll(expired.Select(m => MoveToPoisonAsync(queue, poison, m, m.PopReceipt)));
        var live = messages.Except(expired).ToList();
        if (live.Count == 0) return;
        var leases = live.Select(m => MessageLease.Hold(queue, m, settings.MessageLease, logger)).ToList();
        try
        {
            await function.RunBatchAsync(live.Select(Invocation).ToList(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Function} failed on a batch of {Count} messages; retrying them one by one", function.Name, live.Count);
            await Task.WhenAll(leases.Select(l => l.StopAsync()));
            await Task.WhenAll(live.Zip(leases, (m, l) => ProcessAsync(function, queue, poison, m, l.PopReceipt)));
            return;
        }
        await Task.WhenAll(leases.Select(l => l.StopAsync()));
        await Task.WhenAll(live.Zip(leases, (m, l) => DeleteAsync(queue, m, l.PopReceipt)));
    }

    private static QueueInvocation Invocation(QueueMessage message) =>
        new(message.Body.ToString(), message.MessageId, message.DequeueCount, message.InsertedOn);

    private TimeSpan NextIdleDelay(TimeSpan current)
    {
        var doubled = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, settings.MaxPollingInterval.Ticks));
        var jitter = Random.Shared.NextDouble() * 0.2 + 0.9;
        return TimeSpan.FromTicks(Math.Max(settings.MinPollingInterval.Ticks, (long)(doubled.Ticks * jitter)));
    }

    private async Task ProcessAsync(IQueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, popReceipt);
            return;
        }

        var lease = MessageLease.Hold(queue, message, settings.MessageLease, logger, popReceipt);
        try
        {
            await function.RunAsync(Invocation(message), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Function} failed on message {MessageId} (dequeue {DequeueCount} of {MaxDequeueCount})",
                function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
            await lease.StopAsync();
            await HandleFailureAsync(queue, poison, message, lease.PopReceipt);
            return;
        }

        await lease.StopAsync();
        await DeleteAsync(queue, message, lease.PopReceipt);
    }

    private async Task DeleteAsync(QueueClient queue, QueueMessage message, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, popReceipt);
        }
        catch (Exception ex)
        {
            // The effect is done; the message will come back and the function's idempotence absorbs it.
            logger.LogWarning(ex, "Could not delete message {MessageId} from {Queue}", message.MessageId, queue.Name);
        }
    }

    private async Task HandleFailureAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        try
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, popReceipt);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: settings.VisibilityTimeout);
            }
        }
        catch (Exception ex)
        {
            // The lease expires by itself and the message is retried; nothing is lost.
            logger.LogWarning(ex, "Could not release message {MessageId} on {Queue}", message.MessageId, queue.Name);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        try
        {
            await poison.SendMessageAsync(message.Body);
            await queue.DeleteMessageAsync(message.MessageId, popReceipt);
        }
        catch (Exception ex)
        {
            // The message comes back when its lease ends and is moved then; a copy already in the
            // poison queue is harmless, replaying it is idempotent.
            logger.LogWarning(ex, "Could not move message {MessageId} to {PoisonQueue}", message.MessageId, poison.Name);
            return;
        }
        logger.LogError("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts",
            message.MessageId, poison.Name, message.DequeueCount);
    }
}
