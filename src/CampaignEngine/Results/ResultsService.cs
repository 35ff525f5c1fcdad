using System.Collections.Concurrent;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Storage;
using CampaignEngine.Voting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Results;

/// <summary>
/// Reads a campaign's results by summing its shard tallies (one point read per shard, in
/// parallel). Results are kept in memory briefly, and concurrent requests for the same campaign
/// share one read, so a viral results page costs a handful of storage reads per second.
/// </summary>
public sealed class ResultsService(StorageClients clients, StorageNames names, TimeProvider time, IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PollResults>>> inFlight = new();
    private readonly ConcurrentDictionary<string, (PollResults Results, DateTimeOffset Expires)> cache = new();

    public async Task<PollResults> GetResultsAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(campaign.Slug, out var hit) && hit.Expires > time.GetUtcNow())
        {
            return hit.Results;
        }

        var read = inFlight.GetOrAdd(campaign.Slug, _ => new Lazy<Task<PollResults>>(() => ReadAsync(campaign)));
        try
        {
            var results = await read.Value.WaitAsync(cancellationToken);
            cache[campaign.Slug] = (results, time.GetUtcNow() + options.Value.ResultsCacheDuration);
            return results;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<PollResults>>>(campaign.Slug, read));
        }
    }

    /// <summary>Reads straight from storage, bypassing the cache.</summary>
    public async Task<PollResults> ReadAsync(Campaign campaign)
    {
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var tallies = await Task.WhenAll(Enumerable.Range(0, campaign.Shards).Select(async shard =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(VoteKeys.Partition(campaign.Slug, shard), VoteKeys.TallyRow);
            if (!row.HasValue || row.Value is not { } tally)
            {
                return (Counts: (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), Timestamp: (DateTimeOffset?)null);
            }
            return (Counts: tally.Where(p => p.Value is long).ToDictionary(p => p.Key, p => (long)p.Value), tally.Timestamp);
        }));
        // "Updated" means the last time a vote was counted, not the time of this read.
        var updated = tallies.Max(t => t.Timestamp) ?? campaign.PublishedAt ?? campaign.CreatedAt;
        return TallyMath.Sum(campaign, tallies.Select(t => t.Counts), updated);
    }
}
