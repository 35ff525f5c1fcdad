using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;
using Microsoft.AspNetCore.WebUtilities;
using static CampaignEngine.Contacts.ContactRows;

namespace CampaignEngine.Contacts;

/// <summary>
/// Moves every contact stored under another key than its current one (the unkeyed SHA-256 of before,
/// or a previous <see cref="ContactOptions.KeySecret"/>) to its current key, with its consent and
/// withdrawal records. The key is recomputed from the email each contact row holds, so nothing but
/// the rows themselves is needed, and a row already under its current key is left alone: a re-run
/// changes nothing.
/// </summary>
/// <remarks>
/// Resumable: a call handles at most <c>max</c> contact rows in (partition, row key) order and returns
/// where it stopped; any call may also start over, at the cost of reading the rows again. Safe under
/// concurrent capture (which already writes under the current key): the move is one entity-group
/// transaction (the partition is the campaign) that adds the new row, or merges into it under the
/// ETag it was read with, and deletes the old row under its ETag; if anything changed in between the
/// transaction fails as a whole and the contact is read and moved again. A contact with more records
/// than one transaction holds moves its records first and itself last, so a crash in between leaves
/// the old row to find again.
/// </remarks>
public sealed class ContactRekeyJob(StorageClients clients, StorageNames names, ContactKeys keys, ILogger<ContactRekeyJob> logger)
{
    private const int MaxTransaction = 100;
    private const int MaxAttempts = 5;

    private TableClient Table => clients.Tables.GetTableClient(names.ContactsTable);

    public async Task<RekeyReport> RunAsync(RekeyPosition? from, int max, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ContactPrefix} and RowKey lt {ContactPrefix[..^1] + "}"}");
        if (from is { } position)
        {
            filter += " and " + TableClient.CreateQueryFilter(
                $"(PartitionKey gt {position.Partition} or (PartitionKey eq {position.Partition} and RowKey gt {position.RowKey}))");
        }

        var report = new RekeyReport(0, 0, 0, Done: true, null);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["PartitionKey", "RowKey", Email], cancellationToken: cancellationToken))
        {
            var outcome = await RekeyAsync(row, cancellationToken);
            report = report with
            {
                Scanned = report.Scanned + 1,
                Rekeyed = report.Rekeyed + (outcome == Outcome.Rekeyed ? 1 : 0),
                Merged = report.Merged + (outcome == Outcome.Merged ? 1 : 0),
            };
            if (report.Scanned == max)
            {
                report = report with { Done = false, ContinuationToken = new RekeyPosition(row.PartitionKey, row.RowKey).ToToken() };
                break;
            }
        }
        logger.LogInformation("Rekey: {Scanned} contacts read, {Rekeyed} moved to their current key, {Merged} merged into a row already there, done: {Done}",
            report.Scanned, report.Rekeyed, report.Merged, report.Done);
        return report;
    }

    private enum Outcome { Current, Rekeyed, Merged, Gone }

    private async Task<Outcome> RekeyAsync(TableEntity row, CancellationToken cancellationToken)
    {
        // A contact row always holds its email; one without cannot be keyed and is left where it is.
        if (row.GetString(Email) is not { } email) return Outcome.Current;
        var (oldKey, newKey) = (KeyOfContact(row.RowKey), keys.Of(email));
        if (oldKey == newKey) return Outcome.Current;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await MoveAsync(row.PartitionKey, oldKey, newKey, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Someone wrote one of these rows since they were read (a capture under the new key, a second rekey): read again.
            }
        }
    }

    private async Task<Outcome> MoveAsync(string slug, string oldKey, string newKey, CancellationToken cancellationToken)
    {
        var old = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Contact(oldKey), cancellationToken: cancellationToken);
        if (!old.HasValue) return Outcome.Gone;
        var target = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Contact(newKey), cancellationToken: cancellationToken);

        var records = new List<TableTransactionAction>();
        foreach (var prefix in new[] { ConsentPrefix, WithdrawalPrefix })
        {
            await foreach (var record in Table.QueryAsync<TableEntity>(OfKey(slug, prefix, oldKey), cancellationToken: cancellationToken))
            {
                var moved = CopyOf(record, prefix + newKey + record.RowKey[(prefix.Length + oldKey.Length)..]);
                moved[ContactKey] = newKey;
                // Records never change once written, so the copy is the same whoever writes it, and the old one can go unconditionally.
                records.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, moved));
                records.Add(new TableTransactionAction(TableTransactionActionType.Delete, record, ETag.All));
            }
        }

        var contact = target.HasValue
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, Merge(old.Value!, target.Value!), target.Value!.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, CopyOf(old.Value!, Contact(newKey)));
        var last = new List<TableTransactionAction> { contact, new(TableTransactionActionType.Delete, old.Value!, old.Value!.ETag) };

        // Records first, in whole pairs, then whatever is left with the contact itself.
        var index = 0;
        while (records.Count - index + last.Count > MaxTransaction)
        {
            await Table.SubmitTransactionAsync(records.Skip(index).Take(MaxTransaction), cancellationToken);
            index += MaxTransaction;
        }
        await Table.SubmitTransactionAsync(records.Skip(index).Concat(last), cancellationToken);
        return target.HasValue ? Outcome.Merged : Outcome.Rekeyed;
    }

    /// <summary>
    /// The old row's details merged into the row a capture already wrote under the new key: purposes set
    /// on either stay set, the name of the more recent row wins (the other's if it has none), the later
    /// update time and withdrawal time win. Only what changes is written (a merge keeps the rest).
    /// </summary>
    public static TableEntity Merge(TableEntity old, TableEntity target)
    {
        var merged = new TableEntity(target.PartitionKey, target.RowKey);
        var oldAt = old.GetDateTimeOffset(UpdatedAt);
        var targetAt = target.GetDateTimeOffset(UpdatedAt);
        var (newer, other) = targetAt >= oldAt || oldAt is null ? (target, old) : (old, target);
        if ((newer.GetString(Name) ?? other.GetString(Name)) is { } name) merged[Name] = name;
        if (Later(oldAt, targetAt) is { } at) merged[UpdatedAt] = at;
        if (Flag(old, PurposeCampaign) || Flag(target, PurposeCampaign)) merged[PurposeCampaign] = true;
        if (Flag(old, PurposeMarketing) || Flag(target, PurposeMarketing)) merged[PurposeMarketing] = true;
        if (Later(old.GetDateTimeOffset(MarketingWithdrawnAt), target.GetDateTimeOffset(MarketingWithdrawnAt)) is { } withdrawn)
            merged[MarketingWithdrawnAt] = withdrawn;
        return merged;
    }

    /// <summary>The same properties under another row key, without the service's own (timestamp, ETag).</summary>
    private static TableEntity CopyOf(TableEntity source, string rowKey)
    {
        var copy = new TableEntity(source.PartitionKey, rowKey);
        foreach (var (name, value) in source)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[name] = value;
        }
        return copy;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>What one rekey call did; when not <see cref="Done"/>, call again with <see cref="ContinuationToken"/>.</summary>
public sealed record RekeyReport(int Scanned, int Rekeyed, int Merged, bool Done, string? ContinuationToken);

/// <summary>The last contact row a rekey call handled, carried to the next call as an opaque token.</summary>
public sealed record RekeyPosition(string Partition, string RowKey)
{
    public string ToToken() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(Partition + "\n" + RowKey));

    public static RekeyPosition? FromToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split('\n');
            return parts.Length == 2 && parts[1].StartsWith(ContactPrefix, StringComparison.Ordinal) ? new RekeyPosition(parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
