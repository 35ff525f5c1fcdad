using System.Collections.Concurrent;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Results;

/// <summary>
/// Reads a campaign's results: sums its shard counters (one point read per shard, in parallel)
/// and lets the kind turn them into its results. Results are kept in memory briefly, and
/// concurrent requests for the same campaign share one read, so a viral results page costs a
/// handful of storage reads per second.
/// </summary>
public sealed class ResultsService(StorageClients clients, StorageNames names, CampaignKinds kinds, TimeProvider time, IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<KindResults>>> inFlight = new();
    private readonly ConcurrentDictionary<string, (Campaign Campaign, KindResults Results, DateTimeOffset Expires)> cache = new();

    public async Task<KindResults> GetResultsAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        // The same campaign object (the campaign cache hands out one per refresh): an edit shows at once.
        if (cache.TryGetValue(campaign.Slug, out var hit) && hit.Expires > time.GetUtcNow() && ReferenceEquals(hit.Campaign, campaign))
        {
            return hit.Results;
        }

        var read = inFlight.GetOrAdd(campaign.Slug, _ => new Lazy<Task<KindResults>>(() => ReadAsync(campaign)));
        try
        {
            var results = await read.Value.WaitAsync(cancellationToken);
            cache[campaign.Slug] = (campaign, results, time.GetUtcNow() + options.Value.ResultsCacheDuration);
            return results;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<KindResults>>>(campaign.Slug, read));
        }
    }

    /// <summary>Reads straight from storage, bypassing the cache.</summary>
    public async Task<KindResults> ReadAsync(Campaign campaign)
    {
        var counters = await ReadCountersAsync(campaign);
        return kinds.Get(campaign.Kind).Summarize(campaign, counters) with
        {
            Held = counters[Review.ReviewRows.HeldCounter],
            Discarded = counters[Review.ReviewRows.DiscardedCounter],
        };
    }

    public async Task<CounterTotals> ReadCountersAsync(Campaign campaign)
    {
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var further = kinds.Get(campaign.Kind).SummarizesFurtherCounters;
        var shards = await Task.WhenAll(Enumerable.Range(0, campaign.Shards).Select(shard =>
            further ? ReadCounterRowsAsync(table, SubmissionKeys.Partition(campaign.Slug, shard)) : ReadMainRowAsync(table, SubmissionKeys.Partition(campaign.Slug, shard))));
        var totals = new Dictionary<string, long>();
        foreach (var row in shards.SelectMany(rows => rows))
        {
            foreach (var (name, count) in PackedCounters.CountsOf(row)) totals[name] = totals.GetValueOrDefault(name) + count;
        }
        // "Updated" means the last time a submission was counted, not the time of this read.
        var updated = shards.SelectMany(rows => rows).Max(r => r.Timestamp) ?? campaign.PublishedAt ?? campaign.CreatedAt;
        return new CounterTotals(totals, updated);
    }

    private static async Task<IReadOnlyList<TableEntity>> ReadMainRowAsync(TableClient table, string partition) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(partition, SubmissionKeys.CounterRow)) is { HasValue: true, Value: { } row } ? [row] : [];

    /// <summary>The main counter row and every further one of a shard: they sort together from "tally" to "tally|~".</summary>
    private static async Task<IReadOnlyList<TableEntity>> ReadCounterRowsAsync(TableClient table, string partition)
    {
        var (_, to) = SubmissionKeys.FurtherCounterRows;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {SubmissionKeys.CounterRow} and RowKey lt {to}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter)) rows.Add(row);
        return rows;
    }
}
