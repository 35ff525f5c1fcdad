using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace CampaignEngine.Hosting;

/// <summary>
/// Keeps a message hidden while a function works on it: every half lease its visibility is pushed out by another lease,
/// and the pop receipt each renewal returns replaces the last (the old one no longer deletes the message). Without it,
/// work that outlasts the lease (a batch of mails behind a slow server) would have the message delivered a second time
/// while the first delivery still runs.
/// </summary>
internal sealed class MessageLease
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    private MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger, string popReceipt)
    {
        PopReceipt = popReceipt;
        renewing = RenewAsync(queue, message, lease, logger);
    }

    /// <summary>The pop receipt to delete or release the message with once the work is done.</summary>
    public string PopReceipt { get; private set; }

    public static MessageLease Hold(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger, string? popReceipt = null) =>
        new(queue, message, lease, logger, popReceipt ?? message.PopReceipt);

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }

    private async Task RenewAsync(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, stop.Token);
                // Not cancelled by the stop: a renewal under way finishes, so its new pop receipt is not lost.
                var renewed = await queue.UpdateMessageAsync(message.MessageId, PopReceipt, visibilityTimeout: lease);
                PopReceipt = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The work is done.
        }
        catch (Exception ex)
        {
            // The message may come back before the work ends; the functions' idempotence absorbs a second delivery.
            logger.LogWarning(ex, "Could not renew the lease of message {MessageId} on {Queue}", message.MessageId, queue.Name);
        }
    }
}
