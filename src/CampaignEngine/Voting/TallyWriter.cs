using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;
using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.Voting;

/// <summary>
/// Writes votes of one shard partition together with that shard's tally increment, in
/// entity-group transactions of up to 100 operations, so each vote is counted exactly once:
/// <list type="bullet">
/// <item>a vote row that already exists was counted by the transaction that wrote it (they are
/// atomic), so on a conflict the existing rows are dropped and the rest resubmitted: this covers
/// redelivered messages and the SDK retry trap (a retried write whose first try landed);</item>
/// <item>the tally row is replaced under its ETag, so concurrent writers cannot lose increments.</item>
/// </list>
/// The transactions go through <see cref="EntityTransactions"/>, not the SDK's
/// <c>SubmitTransactionAsync</c>: per vote it costs a fraction of the CPU.
/// </summary>
public sealed class TallyWriter(StorageClients clients, StorageNames names, ILogger<TallyWriter> logger)
{
    private const int MaxVotesPerTransaction = 99; // + the tally row = the 100-operation limit
    private const int MaxAttempts = 50;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> partitionLocks = new();
    private readonly ConcurrentDictionary<string, KnownTally> knownTallies = new();

    private TableClient Table => clients.Tables.GetTableClient(names.VotesTable);

    /// <summary>Counts the votes (all of one partition); returns how many were new.</summary>
    public async Task<int> WriteAsync(string partition, IReadOnlyList<VoteAccepted> votes, CancellationToken cancellationToken = default)
    {
        // Serialising writers of a partition within this instance avoids needless ETag races.
        var gate = partitionLocks.GetOrAdd(partition, _ => new SemaphoreSlim(1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var counted = 0;
            var distinct = votes.DistinctBy(v => v.RowKey).ToList();
            foreach (var chunk in distinct.Chunk(MaxVotesPerTransaction))
            {
                counted += await WriteChunkAsync(partition, chunk.ToList(), cancellationToken);
            }
            return counted;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> WriteChunkAsync(string partition, List<VoteAccepted> votes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (votes.Count == 0) return 0;
            var tally = knownTallies.TryRemove(partition, out var known) ? known : await ReadTallyAsync(partition, cancellationToken);
            var next = NextCounts(tally, votes);
            var changes = new List<EntityChange>(votes.Count + 1);
            changes.AddRange(votes.Select(ToRow));
            changes.Add(TallyChange(partition, tally, next));

            var outcome = await clients.Transactions.SubmitAsync(names.VotesTable, changes, cancellationToken);
            if (outcome.Succeeded)
            {
                // Keep the row just written, with its new ETag, so the next transaction of the
                // partition skips a read. A stale copy (another instance wrote since) costs one 412 and a re-read.
                if (outcome.ETags[^1] is { } etag) knownTallies[partition] = new KnownTally(next, etag);
                return votes.Count;
            }
            if (attempt >= MaxAttempts || outcome.Status is not (409 or 412))
            {
                throw new RequestFailedException(outcome.Status, $"The tally transaction for {partition} failed: {outcome.ErrorMessage}", outcome.ErrorCode, null);
            }
            if (outcome.FailedIndex is { } index && index < votes.Count)
            {
                var before = votes.Count;
                votes = await WithoutCountedAsync(partition, votes, cancellationToken);
                logger.LogDebug("Dropped {Duplicates} already counted votes in {Partition}", before - votes.Count, partition);
            }
            // Otherwise the tally row moved under us (another instance): read it again and retry.
        }
    }

    private async Task<KnownTally?> ReadTallyAsync(string partition, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, VoteKeys.TallyRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var counts = new Dictionary<string, long>();
        foreach (var (key, value) in row.Value!)
        {
            if (value is int or long) counts[key] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
        return new KnownTally(counts, row.Value!.ETag.ToString());
    }

    private async Task<List<VoteAccepted>> WithoutCountedAsync(string partition, List<VoteAccepted> votes, CancellationToken cancellationToken)
    {
        var exists = await Task.WhenAll(votes.Select(async v =>
            (await Table.GetEntityIfExistsAsync<TableEntity>(partition, v.RowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue));
        return votes.Where((_, i) => !exists[i]).ToList();
    }

    private static EntityChange ToRow(VoteAccepted vote)
    {
        var properties = new List<EntityProperty>(4)
        {
            EntityProperty.Of("OptionId", vote.OptionId),
            EntityProperty.Of("Receipt", vote.Receipt),
            EntityProperty.Of("AcceptedAt", vote.AcceptedAt),
        };
        if (vote.RequestKey is not null) properties.Add(EntityProperty.Of(VoterLedger.RequestKeyProperty, vote.RequestKey));
        return EntityChange.Insert(vote.PartitionKey, vote.RowKey, properties);
    }

    private static Dictionary<string, long> NextCounts(KnownTally? current, List<VoteAccepted> votes)
    {
        var next = current is null ? new Dictionary<string, long>() : new Dictionary<string, long>(current.Counts);
        foreach (var vote in votes)
        {
            Increment(next, VoteKeys.OptionProperty(vote.OptionId));
            Increment(next, VoteKeys.TotalProperty);
        }
        return next;
    }

    private static EntityChange TallyChange(string partition, KnownTally? current, Dictionary<string, long> counts)
    {
        var properties = counts.Select(c => EntityProperty.Of(c.Key, c.Value)).ToList();
        return current is null
            ? EntityChange.Insert(partition, VoteKeys.TallyRow, properties)
            : EntityChange.Replace(partition, VoteKeys.TallyRow, properties, current.ETag);
    }

    private static void Increment(Dictionary<string, long> counts, string property) =>
        counts[property] = counts.GetValueOrDefault(property) + 1;

    /// <summary>A shard's counts as last written or read, and the ETag they were written under.</summary>
    private sealed record KnownTally(IReadOnlyDictionary<string, long> Counts, string ETag);
}
