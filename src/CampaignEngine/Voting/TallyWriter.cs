using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

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
/// </summary>
public sealed class TallyWriter(StorageClients clients, StorageNames names, ILogger<TallyWriter> logger)
{
    private const int MaxVotesPerTransaction = 99; // + the tally row = the 100-operation limit
    private const int MaxAttempts = 50;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> partitionLocks = new();
    private readonly ConcurrentDictionary<string, TableEntity> knownTallies = new();

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
            var actions = votes.Select(v => new TableTransactionAction(TableTransactionActionType.Add, ToRow(v))).ToList();
            var next = NextTally(partition, tally, votes);
            actions.Add(next);
            try
            {
                var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
                Remember(partition, next.Entity, response.Value);
                return votes.Count;
            }
            catch (TableTransactionFailedException ex) when (attempt < MaxAttempts && ex.Status is 409 or 412)
            {
                if (ex.FailedTransactionActionIndex is { } index && index < votes.Count)
                {
                    var before = votes.Count;
                    votes = await WithoutCountedAsync(partition, votes, cancellationToken);
                    logger.LogDebug("Dropped {Duplicates} already counted votes in {Partition}", before - votes.Count, partition);
                }
                // Otherwise the tally row moved under us (another instance): read it again and retry.
            }
            catch (RequestFailedException ex) when (attempt < MaxAttempts && ex.Status is 409 or 412)
            {
                // A conflict on the tally row reported outside a transaction failure (first insert race).
            }
        }
    }

    private async Task<TableEntity?> ReadTallyAsync(string partition, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, VoteKeys.TallyRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Keeps the tally row this instance just wrote, with its new ETag, so the next transaction of
    /// the partition skips a read. A stale copy (another instance wrote since) costs one 412 and a re-read.
    /// </summary>
    private void Remember(string partition, ITableEntity written, IReadOnlyList<Response> responses)
    {
        if (responses.Count > 0 && responses[^1].Headers.ETag is { } etag)
        {
            var copy = new TableEntity((TableEntity)written) { ETag = etag };
            knownTallies[partition] = copy;
        }
    }

    private async Task<List<VoteAccepted>> WithoutCountedAsync(string partition, List<VoteAccepted> votes, CancellationToken cancellationToken)
    {
        var exists = await Task.WhenAll(votes.Select(async v =>
            (await Table.GetEntityIfExistsAsync<TableEntity>(partition, v.RowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue));
        return votes.Where((_, i) => !exists[i]).ToList();
    }

    private static TableEntity ToRow(VoteAccepted vote)
    {
        var row = new TableEntity(vote.PartitionKey, vote.RowKey)
        {
            ["OptionId"] = vote.OptionId,
            ["Receipt"] = vote.Receipt,
            ["AcceptedAt"] = vote.AcceptedAt.UtcDateTime,
        };
        if (vote.RequestKey is not null) row[VoterLedger.RequestKeyProperty] = vote.RequestKey;
        return row;
    }

    private static TableTransactionAction NextTally(string partition, TableEntity? current, List<VoteAccepted> votes)
    {
        var next = new TableEntity(partition, VoteKeys.TallyRow);
        if (current is not null)
        {
            foreach (var (key, value) in current)
            {
                if (value is int or long) next[key] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        foreach (var vote in votes)
        {
            Increment(next, VoteKeys.OptionProperty(vote.OptionId));
            Increment(next, VoteKeys.TotalProperty);
        }
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag);
    }

    private static void Increment(TableEntity entity, string property) =>
        entity[property] = (entity.TryGetValue(property, out var value) && value is long n ? n : 0L) + 1;
}
