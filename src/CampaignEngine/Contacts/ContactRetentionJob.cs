using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Storage;
using static CampaignEngine.Contacts.ContactRows;

namespace CampaignEngine.Contacts;

/// <summary>
/// Deletes the details whose purpose has lapsed once a campaign's retention period is over
/// (<see cref="RetentionPeriod"/>): contacts given only to take part, and contacts whose marketing consent
/// was withdrawn and not given again. Contacts whose consent holds are kept; their campaign purpose ends
/// (they leave <c>?purpose=campaign</c>). Consent and withdrawal records stay: they hold no email.
/// </summary>
/// <remarks>
/// Idempotent and safe to run anywhere at any time: every delete and update is conditional on the ETag
/// the row had when it was judged, so a contact that a concurrent capture or withdrawal changed is left
/// for the next run. Writes go in entity-group transactions of up to 100 rows while the contact rows are
/// paged through (1,000 per query page); a run that is cut off leaves nothing half done.
/// </remarks>
public sealed class ContactRetentionJob(
    CampaignStore campaigns, StorageClients clients, StorageNames names, TimeProvider time, ILogger<ContactRetentionJob> logger)
{
    private const int CampaignPageSize = 100;
    private const int MaxTransaction = 100;

    private TableClient Table => clients.Tables.GetTableClient(names.ContactsTable);

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var report = new RetentionReport(0, 0, 0);
        string? continuation = null;
        do
        {
            var (page, next) = await campaigns.GetCampaignPageAsync(new CampaignFilter(null, null, null), CampaignPageSize, continuation, cancellationToken);
            foreach (var campaign in page.Select(s => s.Campaign))
            {
                if (campaign.Contact.Mode == ContactMode.Off || !RetentionPeriod.IsDue(campaign, now)) continue;
                var swept = await SweepAsync(campaign.Slug, cancellationToken);
                report = report with
                {
                    CampaignsDue = report.CampaignsDue + 1,
                    Deleted = report.Deleted + swept.Deleted,
                    CampaignPurposesEnded = report.CampaignPurposesEnded + swept.CampaignPurposesEnded,
                };
                if (swept.Deleted + swept.CampaignPurposesEnded > 0)
                {
                    logger.LogInformation("Retention over for {Slug}: deleted {Deleted} contacts, ended the campaign purpose of {Ended}",
                        campaign.Slug, swept.Deleted, swept.CampaignPurposesEnded);
                }
            }
            continuation = next;
        }
        while (continuation is not null);
        return report;
    }

    /// <summary>One campaign past its retention: judge every contact row, write the outcome in batches.</summary>
    public async Task<RetentionReport> SweepAsync(string slug, CancellationToken cancellationToken = default)
    {
        var withdrawn = new Dictionary<string, DateTimeOffset>();
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, WithdrawalPrefix), select: [ContactKey, WithdrawnAt], cancellationToken: cancellationToken))
        {
            var at = row.GetDateTimeOffset(WithdrawnAt) ?? default;
            var key = row.GetString(ContactKey);
            if (!withdrawn.TryGetValue(key, out var seen) || at > seen) withdrawn[key] = at;
        }

        var result = new RetentionReport(1, 0, 0);
        var batch = new List<TableTransactionAction>();
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, ContactPrefix), select: ["PartitionKey", "RowKey", PurposeCampaign, PurposeMarketing], cancellationToken: cancellationToken))
        {
            if (await JudgeAsync(slug, row, withdrawn, cancellationToken) is not { } action) continue;
            batch.Add(action);
            if (batch.Count == MaxTransaction) result = Add(result, await SubmitAsync(batch, cancellationToken));
        }
        return Add(result, await SubmitAsync(batch, cancellationToken));
    }

    /// <summary>What becomes of one contact row: deleted, its purposes corrected, or nothing (null).</summary>
    private async Task<TableTransactionAction?> JudgeAsync(string slug, TableEntity row, Dictionary<string, DateTimeOffset> withdrawn, CancellationToken cancellationToken)
    {
        var key = KeyOfContact(row.RowKey);
        var (campaign, marketing) = (Flag(row, PurposeCampaign), Flag(row, PurposeMarketing));
        var wasWithdrawn = withdrawn.TryGetValue(key, out var withdrawnAt);
        var consents = (wasWithdrawn, marketing, campaign) switch
        {
            (false, true, _) => true,
            // Given only to take part: a consent always sets the marketing flag in the same transaction as its record.
            (false, false, true) => false,
            // Withdrawn (did a later consent follow?), or stored before purpose flags existed: the records decide.
            _ => HasMarketingConsent(marketing, await LastConsentAsync(slug, key, cancellationToken), wasWithdrawn ? withdrawnAt : null),
        };
        if (!consents) return new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag);
        if (!campaign && marketing) return null;

        // Keep the details for marketing only; the campaign's own purpose is over.
        var update = new TableEntity(row.PartitionKey, row.RowKey) { [PurposeMarketing] = true };
        if (campaign) update[PurposeCampaign] = false;
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, update, row.ETag);
    }

    private async Task<DateTimeOffset?> LastConsentAsync(string slug, string key, CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        await foreach (var row in Table.QueryAsync<TableEntity>(OfKey(slug, ConsentPrefix, key), select: [GivenAt], cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset(GivenAt) is { } given && (last is null || given > last)) last = given;
        }
        return last;
    }

    /// <summary>Writes a batch in one transaction; when any row changed meanwhile, each on its own, skipping the changed ones.</summary>
    private async Task<RetentionReport> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return new RetentionReport(0, 0, 0);
        var done = batch.ToList();
        batch.Clear();
        try
        {
            await Table.SubmitTransactionAsync(done, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            var written = new List<TableTransactionAction>();
            foreach (var action in done)
            {
                try
                {
                    await Table.SubmitTransactionAsync([action], cancellationToken);
                    written.Add(action);
                }
                catch (TableTransactionFailedException single) when (single.Status is 404 or 412)
                {
                    // Changed or gone since it was judged; the next run judges it again.
                }
            }
            done = written;
        }
        return new RetentionReport(0,
            done.Count(a => a.ActionType == TableTransactionActionType.Delete),
            done.Count(a => a.ActionType == TableTransactionActionType.UpdateMerge && a.Entity is TableEntity e && e.ContainsKey(PurposeCampaign)));
    }

    private static RetentionReport Add(RetentionReport a, RetentionReport b) =>
        new(a.CampaignsDue + b.CampaignsDue, a.Deleted + b.Deleted, a.CampaignPurposesEnded + b.CampaignPurposesEnded);
}

/// <summary>What one run of the retention job did: campaigns past retention, contacts deleted, campaign purposes ended.</summary>
public sealed record RetentionReport(int CampaignsDue, int Deleted, int CampaignPurposesEnded);
