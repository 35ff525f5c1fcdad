using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Messaging;

/// <summary>The group-commit writers of the queues the HTTP side feeds.</summary>
public sealed class OutboundQueues(StorageClients clients, StorageNames names, IOptions<GroupCommitOptions> options) : IAsyncDisposable
{
    public GroupCommitQueue Votes { get; } = new(clients.Queues.GetQueueClient(names.VotesQueue), options.Value);
    public GroupCommitQueue Contacts { get; } = new(clients.Queues.GetQueueClient(names.ContactsQueue), options.Value);

    public async ValueTask DisposeAsync()
    {
        await Votes.DisposeAsync();
        await Contacts.DisposeAsync();
    }
}
