using Microsoft.Extensions.Options;

namespace CampaignEngine.Storage;

/// <summary>The physical names of the tables, queues and blob containers, after the configured prefix.</summary>
public sealed class StorageNames(IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.Prefix.ToLowerInvariant();

    public string CampaignsTable => prefix + "campaigns";
    public string VotesTable => prefix + "votes";
    public string ContactsTable => prefix + "contacts";

    /// <summary>Queue messages written to a table when their queue did not answer in time (see <c>QueueOutbox</c>).</summary>
    public string OutboxTable => prefix + "outbox";

    /// <summary>Hot keys of the per-campaign network limits and the heartbeats of the instances that share them.</summary>
    public string NetworkLimitsTable => prefix + "netlimits";

    /// <summary>The proof-of-work challenges submissions have used (each counts once).</summary>
    public string ChallengesTable => prefix + "challenges";

    /// <summary>Contest entries, one row each, in 16 partitions per contest.</summary>
    public string EntriesTable => prefix + "entries";

    /// <summary>What each survey quota has taken: a row per quota, its count replaced under its ETag.</summary>
    public string QuotasTable => prefix + "quotas";

    /// <summary>Where a fan left a form of several pages, per campaign and device (<see cref="Submissions.Drafts"/>).</summary>
    public string DraftsTable => prefix + "drafts";

    /// <summary>Follow-up offers and their pools of codes, one partition per campaign (see <c>Offers.OfferRows</c>).</summary>
    public string OffersTable => prefix + "offers";

    /// <summary>Contacts who unsubscribed from the brand's mail, by contact key.</summary>
    public string SuppressionsTable => prefix + "suppressions";

    /// <summary>The blob container for images (campaign covers, logos, entry pictures).</summary>
    public string MediaContainer => prefix + "media";

    /// <summary>The blob container for files as fans sent them, until a queue function has processed them (private, never served).</summary>
    public string UploadsContainer => prefix + "uploads";

    public string VotesQueue => Queue(QueueNames.Votes);
    public string ContactsQueue => Queue(QueueNames.Contacts);

    /// <summary>The physical name of a logical queue (as named in function.json).</summary>
    public string Queue(string logicalName) => prefix + logicalName;

    public static string Poison(string queueName) => queueName + "-poison";

    public IEnumerable<string> Tables => [CampaignsTable, VotesTable, ContactsTable, OutboxTable, NetworkLimitsTable, ChallengesTable, EntriesTable, QuotasTable, DraftsTable, OffersTable, SuppressionsTable];

    public IEnumerable<string> Queues =>
        [VotesQueue, Poison(VotesQueue), ContactsQueue, Poison(ContactsQueue), Queue(QueueNames.EntryImages), Poison(Queue(QueueNames.EntryImages)),
         Queue(QueueNames.Emails), Poison(Queue(QueueNames.Emails))];

    /// <summary>The blob container for contest board snapshots (private, never served; see <c>BoardSnapshots</c>).</summary>
    public string BoardsContainer => prefix + "boards";

    public IEnumerable<string> Containers => [MediaContainer, UploadsContainer, BoardsContainer];
}

public static class QueueNames
{
    public const string Votes = "votes";
    public const string Contacts = "contacts";

    /// <summary>Contest entries whose photo waits to be re-encoded.</summary>
    public const string EntryImages = "entry-images";

    /// <summary>Mail to send (<c>Email.EmailJob</c>).</summary>
    public const string Emails = "emails";

    /// <summary>The queues whose poison messages the operator API can list and replay.</summary>
    public static readonly IReadOnlyList<string> Replayable = [Votes, Contacts, EntryImages, Emails];
}
