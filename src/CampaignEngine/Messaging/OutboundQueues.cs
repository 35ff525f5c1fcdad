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
    // A mail takes milliseconds to send where a vote takes microseconds to count: small messages keep each one's work
    // well inside its lease, and let many instances share a big send.
    public GroupCommitQueue Emails { get; } = Create(clients, names, QueueNames.Emails, MailSized(options.Value), new(outbox, QueueNames.Emails, outboxOptions.Value, time, logger));

    /// <summary>Mail jobs per queue message.</summary>
    public const int MailJobsPerMessage = 16;

    private static GroupCommitOptions MailSized(GroupCommitOptions options) => new()
    {
        MaxItems = MailJobsPerMessage, MaxBytes = options.MaxBytes, MaxConcurrentSends = options.MaxConcurrentSends, MaxWait = options.MaxWait,
        BacklogMaxWait = options.BacklogMaxWait, BacklogMessages = options.BacklogMessages, DeepBacklogMessages = options.DeepBacklogMessages,
        BacklogProbeInterval = options.BacklogProbeInterval,
    };

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
