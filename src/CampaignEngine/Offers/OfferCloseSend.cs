using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Hosting;
using CampaignEngine.Mail;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;

namespace CampaignEngine.Offers;

/// <summary>
/// The close-time send: once a campaign whose offer goes out at close has closed, every contact whose consent to offers
/// holds gets a code (or the kind word) and its mail, a page of contacts at a time. One instance at a time holds the
/// send (a lease on the offer row); it saves where it got to after each page, so a crash resumes there. Each step is
/// exactly once on its own (assignment, mail), so a page done twice changes nothing.
/// </summary>
public sealed class OfferCloseSend(
    OfferStore offers, CodePool pool, CampaignCache campaigns, StorageClients clients, StorageNames names, OutboundQueues queues,
    TimeProvider time, ILogger<OfferCloseSend> logger)
{
    private const int PageSize = 1000;
    private const int ParallelClaims = 4;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private long completed;

    /// <summary>Close-time sends this instance has finished since it started (the bench reads it).</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Sends the offers of every closed campaign that waits for it; the number of contacts handed out.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        long total = 0;
        foreach (var slug in await offers.AwaitingCloseAsync(cancellationToken))
        {
            var campaign = await campaigns.FindAsync(slug, cancellationToken);
            if (campaign is null || campaign.AvailabilityAt(time.GetUtcNow()) is not (Availability.Closed or Availability.Archived)) continue;
            if (await offers.GetAsync(slug, cancellationToken) is not { SendWhen: OfferSendWhen.AtClose, SentAt: null } offer) continue;
            if (!await offers.TakeSendLeaseAsync(slug, time.GetUtcNow(), Lease, cancellationToken)) continue;
            total += await SendAsync(slug, offer, cancellationToken);
        }
        return total;
    }

    private async Task<long> SendAsync(string slug, Offer offer, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var suppressed = await SuppressedAsync(cancellationToken);
        var from = await offers.SendProgressAsync(slug, cancellationToken);
        var contacts = clients.Tables.GetTableClient(names.ContactsTable);
        var filter = from is null
            ? ContactRows.StartingWith(slug, ContactRows.ContactPrefix)
            : TableClient.CreateQueryFilter($"PartitionKey eq {slug} and RowKey gt {from} and RowKey lt {"contact}"}");
        long handedOut = 0;
        await foreach (var page in contacts.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, select: ["RowKey", ContactRows.PurposeMarketing],
                           cancellationToken: cancellationToken).AsPages())
        {
            var claimants = page.Values
                .Where(row => ContactRows.Flag(row, ContactRows.PurposeMarketing))
                .Select(row => ContactRows.KeyOfContact(row.RowKey))
                .Where(key => !suppressed.Contains(key))
                .Select(key => new Claimant(key, null))
                .ToList();
            var assigned = await Task.WhenAll(claimants.Chunk((claimants.Count + ParallelClaims - 1) / ParallelClaims + 1)
                .Select(part => pool.AssignAsync(slug, part, cancellationToken)));
            await Task.WhenAll(assigned.SelectMany(a => a).Where(a => a.EmailedAt is null)
                .Select(a => queues.Emails.SendAsync(new EmailJob(OfferEmail.TypeName, slug, a.ContactKey))));
            handedOut += claimants.Count;
            if (page.Values.Count > 0) await offers.SaveSendProgressAsync(slug, page.Values[^1].RowKey, time.GetUtcNow() + Lease, cancellationToken);
        }
        await offers.MarkSentAsync(slug, time.GetUtcNow(), cancellationToken);
        Interlocked.Increment(ref completed);
        logger.LogInformation("The close-time offer of {Campaign} went to {Contacts} contacts in {Seconds:F1} s",
            slug, handedOut, (time.GetUtcNow() - started).TotalSeconds);
        return handedOut;
    }

    /// <summary>Every suppressed contact key, read once per send (the list is small next to a campaign's contacts).</summary>
    private async Task<HashSet<string>> SuppressedAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in clients.Tables.GetTableClient(names.SuppressionsTable).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
            keys.Add(row.RowKey);
        return keys;
    }
}

/// <summary>The <c>OfferCloseSends</c> timer function: every minute, the close-time sends that are due (<see cref="OfferCloseSend"/>).</summary>
public sealed class OfferCloseSendFunction(OfferCloseSend job, ILogger<OfferCloseSendFunction> logger) : ITimerFunction
{
    public string Name => "OfferCloseSends";
    public string Schedule => "0 * * * * *";
    public TimeSpan Period => TimeSpan.FromMinutes(1);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var contacts = await job.RunAsync(cancellationToken);
        if (contacts > 0) logger.LogInformation("Close-time offers handed to {Contacts} contacts", contacts);
    }
}
