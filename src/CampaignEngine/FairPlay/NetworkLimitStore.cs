using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.FairPlay;

/// <summary>
/// The table through which instances share their hot keys. One row per campaign, action and instance
/// (<c>c|{slug}</c>, <c>{action}|{instance}</c>) holds that instance's hot keys of both scopes; a row per
/// live instance in partition <c>instances</c> is its heartbeat. Rows are only ever replaced whole, so a
/// reader never sees half an update, and the table service's own Timestamp says how old each is.
/// </summary>
public sealed class NetworkLimitStore(StorageClients clients, StorageNames names)
{
    private const string InstancesPartition = "instances";
    private static readonly string[] AddressColumns = Columns('A');
    private static readonly string[] NetworkColumns = Columns('N');

    private TableClient Table => clients.Tables.GetTableClient(names.NetworkLimitsTable);

    private static string CampaignPartition(string slug) => "c|" + slug;

    public async Task SetHotKeysAsync(string slug, string action, string instance, byte[] address, byte[] network, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(CampaignPartition(slug), action + "|" + instance);
        Put(entity, AddressColumns, address);
        Put(entity, NetworkColumns, network);
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteHotKeysAsync(string slug, string action, string instance, CancellationToken cancellationToken = default) =>
        await Table.DeleteEntityAsync(CampaignPartition(slug), action + "|" + instance, ETag.All, cancellationToken);

    /// <summary>Every instance's hot keys for the campaign written at or after <paramref name="since"/> (the table's clock).</summary>
    public async Task<IReadOnlyList<PublishedHotKeys>> GetHotKeysAsync(string slug, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CampaignPartition(slug)} and Timestamp ge {since}");
        var rows = new List<PublishedHotKeys>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var split = entity.RowKey.IndexOf('|');
            if (split <= 0) continue;
            rows.Add(new PublishedHotKeys(entity.RowKey[..split], entity.RowKey[(split + 1)..], entity.Timestamp ?? DateTimeOffset.MinValue,
                Read(entity, AddressColumns), Read(entity, NetworkColumns)));
        }
        return rows;
    }

    public async Task SetHeartbeatAsync(string instance, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(InstancesPartition, instance), TableUpdateMode.Replace, cancellationToken);

    /// <summary>How many instances sent a heartbeat at or after <paramref name="since"/>.</summary>
    public async Task<int> CountInstancesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {InstancesPartition} and Timestamp ge {since}");
        var count = 0;
        await foreach (var _ in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken)) count++;
        return count;
    }

    /// <summary>Deletes rows nobody has written since <paramref name="before"/>: their counts have expired.</summary>
    public async Task<int> DeleteStaleAsync(DateTimeOffset before, int most, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Timestamp lt {before}");
        var deleted = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (deleted >= most) break;
            // Another instance may just have written it again: only the version we saw is deleted.
            try { await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken); }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412) { continue; }
            deleted++;
        }
        return deleted;
    }

    private static void Put(TableEntity entity, string[] columns, byte[] bytes)
    {
        var i = 0;
        foreach (var chunk in HotKeys.Chunks(bytes)) entity[columns[i++]] = chunk.ToArray();
    }

    private static byte[] Read(TableEntity entity, string[] columns)
    {
        var parts = columns.Select(c => entity.ContainsKey(c) ? entity.GetBinary(c) : null).TakeWhile(b => b is not null).ToList();
        return parts.Count switch
        {
            0 => [],
            1 => parts[0]!,
            _ => parts.SelectMany(p => p!).ToArray(),
        };
    }

    private static string[] Columns(char scope) => [.. Enumerable.Range(0, HotKeys.MaxChunks).Select(i => $"{scope}{i}")];
}

/// <summary>One instance's published hot keys for one action of a campaign, as the table last held them.</summary>
public sealed record PublishedHotKeys(string Action, string Instance, DateTimeOffset WrittenAt, byte[] Address, byte[] Network);
