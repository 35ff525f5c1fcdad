using CampaignEngine.Hosting;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Contacts;

/// <summary>The <c>contacts</c> queue function: stores each contact with its purposes, and its marketing consent record if it gave one.</summary>
public sealed class ContactCaptureFunction(ContactStore store, ILogger<ContactCaptureFunction> logger) : IQueueFunction
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
        logger.LogInformation("Captured {Count} contacts from message {MessageId}", batch.Items.Count, invocation.MessageId);
    }
}
