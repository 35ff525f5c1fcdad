using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Messaging;

/// <summary>
/// The second durable path of a queue message: a table row holding the same body. Group commit
/// writes one when the queue has not answered in time (or has failed), so a fan is not kept
/// waiting on one stalled service; <see cref="OutboxDrainer"/> hands the rows to the queue's own
/// function. A message may so be delivered twice, by the queue and by the outbox; the queue
/// functions are idempotent, so it counts once.
/// </summary>
public sealed class QueueOutbox(StorageClients clients, StorageNames names)
{
    private TableClient Table => clients.Tables.GetTableClient(names.OutboxTable);

    /// <summary>Stores a message for the logical queue; the row key sorts by the time it was written.</summary>
    public async Task<string> AddAsync(string queue, BinaryData body, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rowKey = RowKey(now);
        await Table.AddEntityAsync(new TableEntity(queue, rowKey)
        {
            [BodyProperty] = body.ToArray(),
            [AttemptsProperty] = 0,
        }, cancellationToken);
        return rowKey;
    }

    /// <summary>Deletes a row whose message the queue took after all; a row already drained is fine.</summary>
    public async Task RemoveAsync(string queue, string rowKey, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(queue, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Drained already.
        }
    }

    /// <summary>Rows of the logical queue written before <paramref name="writtenBefore"/>, oldest first.</summary>
    public async IAsyncEnumerable<OutboxRow> WrittenBeforeAsync(
        string queue, DateTimeOffset writtenBefore, int max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {queue} and RowKey lt {Ticks(writtenBefore)}");
        var seen = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            yield return Read(entity);
            if (++seen >= max) yield break;
        }
    }

    /// <summary>
    /// Takes the row for one attempt: counts it and leases it until <paramref name="leasedUntil"/>, so
    /// two drainers do not run the same message at once. Null when the row is leased or gone.
    /// </summary>
    public async Task<OutboxRow?> TryLeaseAsync(OutboxRow row, DateTimeOffset now, DateTimeOffset leasedUntil, CancellationToken cancellationToken = default)
    {
        if (row.LeasedUntil is { } until && until > now) return null;
        var change = new TableEntity(row.Queue, row.RowKey)
        {
            [AttemptsProperty] = row.Attempts + 1,
            [LeasedUntilProperty] = leasedUntil,
        };
        try
        {
            var response = await Table.UpdateEntityAsync(change, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return row with { Attempts = row.Attempts + 1, LeasedUntil = leasedUntil, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Deletes a drained row, unless another drainer leased it since.</summary>
    public async Task CompleteAsync(OutboxRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(row.Queue, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone, or taken over by a drainer that will delete it: either way it ran.
        }
    }

    private static OutboxRow Read(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        BinaryData.FromBytes(entity.GetBinary(BodyProperty) ?? []),
        entity.GetInt32(AttemptsProperty) ?? 0,
        entity.GetDateTimeOffset(LeasedUntilProperty),
        WrittenAt(entity.RowKey),
        entity.ETag);

    // Ticks first, so a range query finds the rows older than a moment; a random tail keeps rows written in the same tick apart.
    private static string RowKey(DateTimeOffset now) =>
        Ticks(now) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static DateTimeOffset WrittenAt(string rowKey) =>
        long.TryParse(rowKey.AsSpan(0, Math.Min(19, rowKey.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;

    private const string BodyProperty = "Body";
    private const string AttemptsProperty = "Attempts";
    private const string LeasedUntilProperty = "LeasedUntil";
}

/// <summary>One stored message: its logical queue, body, attempts so far and lease.</summary>
public sealed record OutboxRow(
    string Queue, string RowKey, BinaryData Body, int Attempts, DateTimeOffset? LeasedUntil, DateTimeOffset WrittenAt, ETag ETag);
