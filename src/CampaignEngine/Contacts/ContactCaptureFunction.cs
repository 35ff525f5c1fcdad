using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Contacts;

/// <summary>
/// The <c>contacts</c> queue function: stores each contact with its purposes, and its marketing consent record if it gave one;
/// then hands those that consented to offers to the follow-ups (each idempotent, so a redelivery repeats nothing).
/// </summary>
public sealed class ContactCaptureFunction(ContactStore store, IEnumerable<IContactFollowUp> followUps, ILogger<ContactCaptureFunction> logger) : IQueueFunction
{
    public string Name => "ContactCapture";
    public string Queue => QueueNames.Contacts;

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var batch = Batch<ContactSubmitted>.Parse(invocation.MessageText);
        foreach (var contact in batch.Items)
        {
            await store.SetContactAsync(contact, cancellationToken);
        }
        var consented = batch.Items.Where(c => c.Marketing).ToList();
        if (consented.Count > 0)
        {
            foreach (var followUp in followUps) await followUp.CapturedAsync(consented, cancellationToken);
        }
        logger.LogInformation("Captured {Count} contacts from message {MessageId}", batch.Items.Count, invocation.MessageId);
    }
}
