using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Kinds;
using CampaignEngine.Review;
using CampaignEngine.Storage;
using CampaignEngine.Storage.Transactions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Submissions;

/// <summary>
/// The exactly-once projection of every kind: writes the submissions of one shard partition
/// together with that shard's counter increments, in entity-group transactions of up to 100
/// operations, so each submission counts exactly once:
/// <list type="bullet">
/// <item>a submission row that already exists was counted by the transaction that wrote it (they
/// are atomic), so on a conflict the existing rows are dropped and the rest resubmitted: this
/// covers redelivered messages and the SDK retry trap (a retried write whose first try landed);</item>
/// <item>the counter row is replaced under its ETag, so concurrent writers cannot lose increments.</item>
/// </list>
/// The kind's action says what a row holds and which counters it adds to; nothing here knows a kind.
/// A kind with more counters than one row holds (a contest's votes per entry) spreads them over further
/// counter rows of the shard. A transaction whose submissions touch one or two of them rewrites those; one that
/// touches more inserts a delta row instead (<see cref="SubmissionKeys.NewDeltaRow"/>: the transaction's increments
/// of further counters, never rewritten), which readers add up with the rest. Rewriting a row is what costs on the
/// table service (a whole packed row per write; on Azurite, time in proportion to the table), so a busy tally writes
/// one new small row per transaction while a quiet one keeps the number of rows down.
/// The transactions go through <see cref="EntityTransactions"/>, not the SDK's
/// <c>SubmitTransactionAsync</c>: per submission it costs a fraction of the CPU.
/// </summary>
public sealed class ProjectionWriter(
    StorageClients clients, StorageNames names, CampaignKinds kinds, IOptions<ProjectionOptions> options, ILogger<ProjectionWriter> logger)
{
    private const int MaxOperations = 100;
    private const int MaxAttempts = 50;
    /// <summary>More further counter rows than this in a transaction and their increments go in a delta row.</summary>
    private const int MaxRewrittenFurtherRows = 2;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> partitionLocks = new();
    private readonly ConcurrentDictionary<string, KnownCounters> knownCounters = new();
    private readonly SemaphoreSlim transactionSlots = new(options.Value.MaxConcurrentTransactions);

    private TableClient Table => clients.Tables.GetTableClient(names.VotesTable);

    /// <summary>Projects the submissions (all of one partition); returns how many were new.</summary>
    public async Task<int> WriteAsync(string partition, IReadOnlyList<SubmissionAccepted> submissions, CancellationToken cancellationToken = default)
    {
        var distinct = submissions.DistinctBy(s => s.RowKey).ToList();
        // Submissions that count on the same further counter rows side by side, so each transaction rewrites few of them.
        var projected = WithoutCapClashes(distinct).Select(Project).OrderBy(p => p.CounterRows[^1], StringComparer.Ordinal).ToList();
        // Serialising writers of a partition within this instance avoids needless ETag races.
        var gate = partitionLocks.GetOrAdd(partition, _ => new SemaphoreSlim(1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var counted = 0;
            foreach (var chunk in Chunks(projected))
            {
                counted += await WriteChunkAsync(partition, chunk, cancellationToken);
            }
            await AfterProjectionAsync(distinct, cancellationToken);
            return counted;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Leaves out a submission holding a cap slot an earlier one of the batch holds (two instances gave it out at once):
    /// it is over the cap, and one transaction cannot insert a row twice.
    /// </summary>
    private static IEnumerable<SubmissionAccepted> WithoutCapClashes(List<SubmissionAccepted> submissions)
    {
        HashSet<string>? held = null;
        foreach (var submission in submissions)
        {
            if (submission.Caps is not null)
            {
                var keys = submission.CapRowKeys.ToList();
                held ??= new HashSet<string>(StringComparer.Ordinal);
                if (keys.Exists(held.Contains)) continue;
                held.UnionWith(keys);
            }
            yield return submission;
        }
    }

    /// <summary>Each action's step after its submissions are counted; a partition's batch is nearly always of one action.</summary>
    private async Task AfterProjectionAsync(List<SubmissionAccepted> submissions, CancellationToken cancellationToken)
    {
        if (submissions.TrueForAll(s => s.Action == submissions[0].Action))
        {
            await kinds.FindAction(submissions[0].Action)!.AfterProjectionAsync(submissions, cancellationToken);
            return;
        }
        foreach (var group in submissions.GroupBy(s => s.Action))
        {
            await kinds.FindAction(group.Key)!.AfterProjectionAsync(group.ToList(), cancellationToken);
        }
    }

    /// <summary>
    /// The submissions in order, as many per transaction as fit beside the counter rows it writes: the main one, and the
    /// further ones it rewrites or the one delta row that stands in for them.
    /// </summary>
    private static IEnumerable<List<Projected>> Chunks(List<Projected> rows)
    {
        var chunk = new List<Projected>();
        var further = new HashSet<string>(StringComparer.Ordinal);
        var operations = 0;
        foreach (var row in rows)
        {
            var touched = further.Count + row.CounterRows.Count(r => r != SubmissionKeys.CounterRow && !further.Contains(r));
            if (chunk.Count > 0 && operations + row.Changes.Count + 1 + FurtherRowWrites(touched) > MaxOperations)
            {
                yield return chunk;
                chunk = [];
                further.Clear();
                operations = 0;
            }
            chunk.Add(row);
            operations += row.Changes.Count;
            further.UnionWith(row.CounterRows.Where(r => r != SubmissionKeys.CounterRow));
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static bool ViaDeltaRow(int furtherRows) => furtherRows > MaxRewrittenFurtherRows;

    private static int FurtherRowWrites(int furtherRows) => ViaDeltaRow(furtherRows) ? 1 : furtherRows;

    private Projected Project(SubmissionAccepted submission)
    {
        var action = kinds.FindAction(submission.Action)
            ?? throw new InvalidOperationException($"No campaign kind takes submissions of action '{submission.Action}'.");
        var row = new ProjectionRow();
        action.Project(submission, row);
        var properties = row.Properties;
        properties.Add(EntityProperty.Of("Receipt", submission.Receipt));
        properties.Add(EntityProperty.Of("AcceptedAt", submission.AcceptedAt));
        if (submission.RequestKey is not null) properties.Add(EntityProperty.Of(VoterLedger.RequestKeyProperty, submission.RequestKey));
        if (submission.Signals is not null) properties.Add(EntityProperty.Of(ReviewRows.SignalsProperty, submission.Signals));
        if (submission.Held)
        {
            // Counted as held alone; releasing it adds what the kind counts (from Data) and the total.
            properties.Add(EntityProperty.Of(ReviewRows.StatusProperty, ReviewRows.Held));
            properties.Add(EntityProperty.Of(ReviewRows.DataProperty, submission.Data));
            return Projected.Of(submission, properties, [new CounterKey(SubmissionKeys.CounterRow, ReviewRows.HeldCounter)]);
        }
        row.Count(SubmissionKeys.TotalCounter);
        return Projected.Of(submission, properties, row.Counters);
    }

    private async Task<int> WriteChunkAsync(string partition, List<Projected> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (rows.Count == 0) return 0;
            var touched = rows.SelectMany(r => r.CounterRows).Distinct(StringComparer.Ordinal).ToList();
            List<string> counterRows = ViaDeltaRow(touched.Count(r => r != SubmissionKeys.CounterRow)) ? [SubmissionKeys.CounterRow] : touched;
            var counters = await CountersAsync(partition, counterRows, cancellationToken);
            var (next, delta) = NextCounts(counters, rows);
            var changes = rows.SelectMany(r => r.Changes).ToList();
            var submissionChanges = changes.Count;
            changes.AddRange(counterRows.Select(r => CounterChange(partition, r, counters[r], next[r])));
            if (delta.Count > 0) changes.Add(EntityChange.Insert(partition, SubmissionKeys.NewDeltaRow(), PackedProperties(delta)));

            var outcome = await SubmitAsync(changes, cancellationToken);
            if (outcome.Succeeded)
            {
                // Keep the rows just written, with their new ETags, so the next transaction of the
                // partition skips a read. A stale copy (another instance wrote since) costs one 412 and a re-read.
                for (var i = 0; i < counterRows.Count; i++)
                {
                    if (outcome.ETags[submissionChanges + i] is { } etag) knownCounters[CacheKey(partition, counterRows[i])] = new KnownCounters(next[counterRows[i]], etag);
                }
                return rows.Count;
            }
            if (attempt >= MaxAttempts || outcome.Status is not (409 or 412))
            {
                throw new RequestFailedException(outcome.Status, $"The projection transaction for {partition} failed: {outcome.ErrorMessage}", outcome.ErrorCode, null);
            }
            if (outcome.FailedIndex is { } index && index < submissionChanges)
            {
                var before = rows.Count;
                rows = await WithoutCountedAsync(partition, rows, cancellationToken);
                logger.LogDebug("Dropped {Duplicates} already counted (or over a cap) submissions in {Partition}", before - rows.Count, partition);
            }
            // Otherwise a counter row moved under us (another instance): read them again and retry.
        }
    }

    private static string CacheKey(string partition, string counterRow) => partition + "\n" + counterRow;

    /// <summary>The counter rows as last written here (taken out of the cache: a failed attempt must read them again), else read.</summary>
    private async Task<Dictionary<string, KnownCounters?>> CountersAsync(string partition, List<string> counterRows, CancellationToken cancellationToken)
    {
        var counters = new Dictionary<string, KnownCounters?>(counterRows.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var counterRow in counterRows)
        {
            if (knownCounters.TryRemove(CacheKey(partition, counterRow), out var known)) counters[counterRow] = known;
            else missing.Add(counterRow);
        }
        var read = await Task.WhenAll(missing.Select(r => ReadCountersAsync(partition, r, cancellationToken)));
        for (var i = 0; i < missing.Count; i++) counters[missing[i]] = read[i];
        return counters;
    }

    private async Task<TransactionOutcome> SubmitAsync(List<EntityChange> changes, CancellationToken cancellationToken)
    {
        await transactionSlots.WaitAsync(cancellationToken);
        try
        {
            return await clients.Transactions.SubmitAsync(names.VotesTable, changes, cancellationToken);
        }
        finally
        {
            transactionSlots.Release();
        }
    }

    private async Task<KnownCounters?> ReadCountersAsync(string partition, string counterRow, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, counterRow, cancellationToken: cancellationToken);
        return row.HasValue ? new KnownCounters(PackedCounters.CountsOf(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    /// <summary>
    /// The rows whose submission row and cap slot rows are all still free: a taken submission row was counted already; a
    /// taken cap slot went to another submission of the participant (accepted by another instance at the same moment),
    /// so this one would be over the cap and is not counted.
    /// </summary>
    private async Task<List<Projected>> WithoutCountedAsync(string partition, List<Projected> rows, CancellationToken cancellationToken)
    {
        var exists = await Task.WhenAll(rows.Select(async r =>
        {
            foreach (var key in r.Changes.Select(c => c.RowKey))
            {
                if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue) return true;
            }
            return false;
        }));
        return rows.Where((_, i) => !exists[i]).ToList();
    }

    /// <summary>The rewritten counter rows' new counts, and the increments of the rows not rewritten (for a delta row).</summary>
    private static (Dictionary<string, Dictionary<string, long>> Next, Dictionary<string, long> Delta) NextCounts(
        Dictionary<string, KnownCounters?> current, List<Projected> rows)
    {
        var next = current.ToDictionary(c => c.Key, c => c.Value is null ? new Dictionary<string, long>() : new Dictionary<string, long>(c.Value.Counts),
            StringComparer.Ordinal);
        var delta = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var counter in row.Counters) Increment(next.GetValueOrDefault(counter.Row) ?? delta, counter.Property, counter.Amount);
        }
        return (next, delta);
    }

    private static List<EntityProperty> PackedProperties(Dictionary<string, long> counts) =>
        PackedCounters.Pack(counts).Select(p => EntityProperty.Of(p.Name, p.Value)).ToList();

    private static EntityChange CounterChange(string partition, string counterRow, KnownCounters? current, Dictionary<string, long> counts)
    {
        var properties = counterRow == SubmissionKeys.CounterRow
            ? counts.Select(c => EntityProperty.Of(c.Key, c.Value)).ToList()
            : PackedProperties(counts);
        return current is null
            ? EntityChange.Insert(partition, counterRow, properties)
            : EntityChange.Replace(partition, counterRow, properties, current.ETag);
    }

    private static void Increment(Dictionary<string, long> counts, string property, long amount) =>
        counts[property] = counts.GetValueOrDefault(property) + amount;

    /// <param name="Changes">The submission's row, then a row for each cap slot it holds (they stand or fall together).</param>
    private sealed record Projected(string RowKey, IReadOnlyList<EntityChange> Changes, List<CounterKey> Counters, IReadOnlyList<string> CounterRows)
    {
        private static readonly string[] MainRowOnly = [SubmissionKeys.CounterRow];

        public static Projected Of(SubmissionAccepted submission, List<EntityProperty> properties, List<CounterKey> counters)
        {
            var row = EntityChange.Insert(submission.PartitionKey, submission.RowKey, properties);
            IReadOnlyList<EntityChange> changes = submission.Caps is null
                ? [row]
                : [row, .. submission.CapRowKeys.Select(key =>
                    EntityChange.Insert(submission.PartitionKey, key, [EntityProperty.Of(CapHolderProperty, submission.RowKey)]))];
            return new(submission.RowKey, changes, counters, counters.TrueForAll(c => c.Row == SubmissionKeys.CounterRow)
                ? MainRowOnly
                : counters.Select(c => c.Row).Distinct(StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>On a cap slot's row: the row key of the submission that holds the slot.</summary>
    public const string CapHolderProperty = "Holder";

    /// <summary>A shard's counters as last written or read, and the ETag they were written under.</summary>
    private sealed record KnownCounters(IReadOnlyDictionary<string, long> Counts, string ETag);
}
