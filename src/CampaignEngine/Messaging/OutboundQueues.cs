using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Messaging;

/// <summary>The group-commit writers of the queues the HTTP side feeds, each with the table outbox as its second path.</summary>
public sealed class OutboundQueues(
    StorageClients clients, StorageNames names, QueueOutbox outbox, IOptions<GroupCommitOptions> options, IOptions<OutboxOptions> outboxOptions,
    TimeProvider time, ILogger<OutboundQueues> logger) : IAsyncDisposable
{
    public GroupCommitQueue Votes { get; } = Create(clients, names, QueueNames.Votes, options.Value, new(outbox, QueueNames.Votes, outboxOptions.Value, time, logger));
    public GroupCommitQueue Contacts { get; } = Create(clients, names, QueueNames.Contacts, options.Value, new(outbox, QueueNames.Contacts, outboxOptions.Value, time, logger));
    public GroupCommitQueue EntryImages { get; } = Create(clients, names, QueueNames.EntryImages, options.Value, new(outbox, QueueNames.EntryImages, outboxOptions.Value, time, logger));
    public GroupCommitQueue Emails { get; } = Create(clients, names, QueueNames.Emails, options.Value, new(outbox, QueueNames.Emails, outboxOptions.Value, time, logger));

    private static GroupCommitQueue Create(StorageClients clients, StorageNames names, string logicalQueue, GroupCommitOptions options, OutboxRoute route) =>
        new(clients.Queues.GetQueueClient(names.Queue(logicalQueue)), options, route);

    public async ValueTask DisposeAsync()
    {
        await Votes.DisposeAsync();
        await Contacts.DisposeAsync();
        await EntryImages.DisposeAsync();
        await Emails.DisposeAsync();
    }
}
