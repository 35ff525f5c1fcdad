using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;

namespace CampaignEngine.Review;

/// <summary>
/// Held submissions of a campaign: listed a page at a time, and released (counted) or discarded
/// exactly once. A decision changes the submission's row (its status, under the ETag it was read
/// with) and its shard's counter row (under its ETag) in one entity-group transaction, so a row
/// that no longer says "held" proves its decision was counted, and two reviewers (or a retried
/// call) can never count one submission twice.
/// </summary>
public sealed class ReviewStore(StorageClients clients, StorageNames names, CampaignKinds kinds, TimeProvider time, ILogger<ReviewStore> logger)
{
    private const int MaxRowsPerTransaction = 99; // + the counter row = the 100-operation limit
    private const int MaxOperations = 100;
    private const int MaxAttempts = 20;

    private TableClient Table => clients.Tables.GetTableClient(names.VotesTable);

    /// <summary>One page of the campaign's submissions with a review status (and, if given, a signal), in shard order.</summary>
    public async Task<ReviewPage> ListAsync(string slug, string status, string? signal, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        // The property name is written as it is: a formatted argument would be quoted as a value.
        var filter = CampaignFilter(slug) + $" and {ReviewRows.StatusProperty} eq " + TableClient.CreateQueryFilter($"{status}");
        var items = new List<ReviewItem>(limit);
        var token = continuationToken;
        // A filter on a plain property may return short (even empty) pages: keep reading until the page is full.
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, limit), cancellationToken: cancellationToken).AsPages(token))
        {
            foreach (var row in page.Values)
            {
                var item = ItemOf(row);
                if (signal is null || item.Signals.Contains(signal)) items.Add(item);
            }
            token = page.ContinuationToken;
            if (items.Count >= limit || token is null) break;
        }
        return new ReviewPage(items, token);
    }

    /// <summary>
    /// Releases or discards the named submissions. Each is decided at most once: one already decided
    /// (here or by another call) is reported back, not changed.
    /// </summary>
    public async Task<ReviewOutcome> DecideAsync(Campaign campaign, ReviewDecision decision, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var decided = 0;
        var notHeld = new List<string>();
        foreach (var group in ids.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: ReviewIds.Parse(campaign, id))).GroupBy(x => x.Key?.Partition))
        {
            if (group.Key is null)
            {
                notHeld.AddRange(group.Select(x => x.Id));
                continue;
            }
            foreach (var chunk in group.Chunk(MaxRowsPerTransaction))
            {
                var result = await DecidePartitionAsync(campaign, decision, group.Key, chunk.Select(x => x.Key!.Value.RowKey).ToList(), cancellationToken);
                decided += result.Decided;
                notHeld.AddRange(result.NotHeld.Select(rowKey => ReviewIds.Of(group.Key, rowKey)));
            }
        }
        logger.LogInformation("Review of {Campaign}: {Decision} {Decided} submissions, {NotHeld} not held", campaign.Slug, decision, decided, notHeld.Count);
        return new ReviewOutcome(decided, notHeld);
    }

    /// <summary>Decides up to <paramref name="max"/> held submissions (those with <paramref name="signal"/>, if given); whether any remain.</summary>
    public async Task<(ReviewOutcome Outcome, bool More)> DecideAllAsync(Campaign campaign, ReviewDecision decision, string? signal, int max, CancellationToken cancellationToken)
    {
        var page = await ListAsync(campaign.Slug, ReviewRows.Held, signal, max, null, cancellationToken);
        var outcome = await DecideAsync(campaign, decision, page.Items.Select(i => i.Id).ToList(), cancellationToken);
        return (outcome, page.ContinuationToken is not null || page.Items.Count >= max);
    }

    private async Task<(int Decided, List<string> NotHeld)> DecidePartitionAsync(
        Campaign campaign, ReviewDecision decision, string partition, List<string> rowKeys, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = await Task.WhenAll(rowKeys.Select(async rowKey =>
                (await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken)) is { HasValue: true, Value: { } row } ? row : null));
            var held = rows.OfType<TableEntity>().Where(r => r.GetString(ReviewRows.StatusProperty) == ReviewRows.Held).ToList();
            var notHeld = rowKeys.Except(held.Select(r => r.RowKey), StringComparer.Ordinal).ToList();
            if (held.Count == 0) return (0, notHeld);

            var moves = Fitting(held.Select(r => (Row: r, Counters: Moves(decision, r))).ToList());
            var counterRows = await ReadCounterRowsAsync(partition, moves.SelectMany(m => m.Counters.Select(c => c.Key.Row)), cancellationToken);
            var now = time.GetUtcNow();
            var actions = new List<TableTransactionAction>(moves.Count + counterRows.Count);
            foreach (var (row, counters) in moves)
            {
                foreach (var (counter, delta) in counters) Add(counterRows[counter.Row], counter.Property, delta);
                var change = new TableEntity(partition, row.RowKey)
                {
                    [ReviewRows.StatusProperty] = decision == ReviewDecision.Release ? ReviewRows.Released : ReviewRows.Discarded,
                    [ReviewRows.ReviewedAtProperty] = now,
                };
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, change, row.ETag));
            }
            // A further counter row (a contest entry's votes) may not exist yet: nothing counted in it before this release.
            actions.AddRange(counterRows.Values.Select(c => c.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, c)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, c, c.ETag)));
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                if (moves.Count == held.Count) return (held.Count, notHeld);
                // What did not fit beside the counter rows it touches goes in a transaction of its own.
                var rest = await DecidePartitionAsync(campaign, decision, partition, held.Skip(moves.Count).Select(r => r.RowKey).ToList(), cancellationToken);
                return (moves.Count + rest.Decided, [.. notHeld, .. rest.NotHeld]);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A row or the counters changed since they were read (another decision, a tally): read again.
                logger.LogDebug("Review transaction for {Partition} met a change (attempt {Attempt})", partition, attempt);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                logger.LogDebug("Review transaction for {Partition} met a change (attempt {Attempt})", partition, attempt);
            }
        }
    }

    /// <summary>The first of the decisions that fit in one transaction with the counter rows they touch.</summary>
    private static List<(TableEntity Row, List<(CounterKey Key, long Delta)> Counters)> Fitting(List<(TableEntity Row, List<(CounterKey Key, long Delta)> Counters)> moves)
    {
        var counterRows = new HashSet<string>(StringComparer.Ordinal);
        var fitting = 0;
        foreach (var (_, counters) in moves)
        {
            var touched = new HashSet<string>(counterRows, StringComparer.Ordinal);
            touched.UnionWith(counters.Select(c => c.Key.Row));
            if (fitting > 0 && fitting + 1 + touched.Count > MaxOperations) break;
            counterRows = touched;
            fitting++;
        }
        return moves.Take(fitting).ToList();
    }

    private async Task<Dictionary<string, TableEntity>> ReadCounterRowsAsync(string partition, IEnumerable<string> counterRows, CancellationToken cancellationToken)
    {
        var keys = counterRows.Distinct(StringComparer.Ordinal).ToList();
        var read = await Task.WhenAll(keys.Select(async key =>
            (await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)) is { HasValue: true, Value: { } row }
                ? row
                : key == SubmissionKeys.CounterRow
                    ? throw new InvalidOperationException($"Held submissions in {partition} without a counter row.")
                    : new TableEntity(partition, key)));
        return read.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
    }

    /// <summary>What deciding one held submission moves: out of the held counter, into what its kind counts (release) or the discarded counter.</summary>
    private List<(CounterKey Key, long Delta)> Moves(ReviewDecision decision, TableEntity row)
    {
        var moves = new List<(CounterKey, long)> { (new CounterKey(SubmissionKeys.CounterRow, ReviewRows.HeldCounter), -1) };
        if (decision == ReviewDecision.Discard)
        {
            moves.Add((new CounterKey(SubmissionKeys.CounterRow, ReviewRows.DiscardedCounter), 1));
            return moves;
        }
        var submission = SubmissionOf(row);
        var action = kinds.FindAction(submission.Action)
            ?? throw new InvalidOperationException($"No campaign kind takes submissions of action '{submission.Action}'.");
        var projection = new ProjectionRow();
        action.Project(submission, projection);
        moves.AddRange(projection.Counters.Select(c => (c, c.Amount)));
        moves.Add((new CounterKey(SubmissionKeys.CounterRow, SubmissionKeys.TotalCounter), 1));
        return moves;
    }

    private static void Add(TableEntity counters, string counter, long delta) =>
        counters[counter] = (counters.TryGetValue(counter, out var value) && value is long or int ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0) + delta;

    /// <summary>The submission as it was queued, rebuilt from its row: what the kind's projection reads.</summary>
    private static SubmissionAccepted SubmissionOf(TableEntity row)
    {
        var parts = row.RowKey.Split('|');
        var partition = row.PartitionKey;
        var bar = partition.LastIndexOf('|');
        return new SubmissionAccepted(
            row.GetString("Receipt") ?? "", partition[..bar], parts[0], row.GetString(ReviewRows.DataProperty) ?? "", parts[1], parts[2],
            int.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(partition[(bar + 1)..], CultureInfo.InvariantCulture),
            row.GetDateTimeOffset("AcceptedAt") ?? default, null, row.GetString(ReviewRows.SignalsProperty), Held: true);
    }

    private static ReviewItem ItemOf(TableEntity row) => new(
        ReviewIds.Of(row.PartitionKey, row.RowKey),
        row.RowKey[..row.RowKey.IndexOf('|', StringComparison.Ordinal)],
        row.GetString(ReviewRows.StatusProperty) ?? ReviewRows.Held,
        SuspicionSignals.Split(row.GetString(ReviewRows.SignalsProperty)),
        row.GetString(ReviewRows.DataProperty),
        row.GetDateTimeOffset("AcceptedAt") ?? row.Timestamp ?? default,
        row.GetDateTimeOffset(ReviewRows.ReviewedAtProperty));

    /// <summary>Every shard partition of the campaign: <c>{slug}|000</c> to <c>{slug}|999</c>, and no other campaign's.</summary>
    private static string CampaignFilter(string slug) =>
        TableClient.CreateQueryFilter($"PartitionKey gt {slug + "|"} and PartitionKey lt {slug + "|~"}");
}

public enum ReviewDecision
{
    Release,
    Discard,
}

/// <summary>A submission as the review API lists it.</summary>
public sealed record ReviewItem(
    [property: System.ComponentModel.Description("The submission's id for release and discard.")] string Id,
    [property: System.ComponentModel.Description("The kind's action code (a poll's vote: v).")] string Action,
    [property: System.ComponentModel.Description("held, released or discarded.")] string Status,
    [property: System.ComponentModel.Description("What made it suspect: headless, no-user-agent, network-burst, device-burst, unsolved-challenge, challenge-failed.")] IReadOnlyList<string> Signals,
    [property: System.ComponentModel.Description("What the fan submitted, as the kind keeps it (a poll: the option ids).")] string? Data,
    [property: System.ComponentModel.Description("When it was accepted.")] DateTimeOffset AcceptedAt,
    [property: System.ComponentModel.Description("When it was released or discarded.")] DateTimeOffset? ReviewedAt);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? ContinuationToken);

public sealed record ReviewOutcome(int Decided, IReadOnlyList<string> NotHeld);

/// <summary>A submission's id in the review API: its shard partition's number and its row key, e.g. <c>007|v|ab12…|c|001</c>.</summary>
public static class ReviewIds
{
    public static string Of(string partition, string rowKey) => partition[(partition.LastIndexOf('|') + 1)..] + "|" + rowKey;

    /// <summary>The partition and row key an id names within the campaign, or null when it names nothing of it.</summary>
    public static (string Partition, string RowKey)? Parse(Campaign campaign, string id)
    {
        var bar = id.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == id.Length - 1 || id.Length > 512) return null;
        if (!int.TryParse(id.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var shard) || shard >= campaign.Shards) return null;
        var rowKey = id[(bar + 1)..];
        // Row keys of submissions are action|participant|period|slot; anything else (the counter row) is no submission.
        if (rowKey.Split('|').Length != 4 || rowKey.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?')) return null;
        return (SubmissionKeys.Partition(campaign.Slug, shard), rowKey);
    }
}
