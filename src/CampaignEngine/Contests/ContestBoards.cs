using System.Collections.Concurrent;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contests;

/// <summary>
/// Keeps each contest's board in memory and refreshes it by what changed: the entry rows and the per-entry counter
/// rows whose Timestamp is at or after the newest one read so far, less an overlap (10 s), so a write that committed
/// while the last read ran, with an earlier Timestamp, is read next time. A full read every <see cref="ContestOptions.FullRead"/> covers the rest. One
/// refresh per contest at a time; requests meanwhile get the board in hand, and the first request waits for the first read.
/// An instance's first read starts from the contest's snapshot when there is one (<see cref="BoardSnapshots"/>), and
/// each instance writes it after a full read and every <see cref="ContestOptions.BoardSnapshot"/> that its board changed.
/// </summary>
public sealed class ContestBoards(
    EntryStore entries, BoardSnapshots snapshots, StorageClients clients, StorageNames names, TimeProvider time, IOptions<ContestOptions> options,
    ILogger<ContestBoards> logger)
{
    // Longer than a transaction takes to commit, so one committed while the last read ran is read the next time.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, State> states = new();

    /// <summary>The board, refreshed first when it is older than the refresh interval (or was marked stale).</summary>
    public async Task<ContestBoard> GetAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var state = states.GetOrAdd(campaign.Slug, slug => new State(slug));
        var board = state.Board;
        if (board is not null && !state.Stale && time.GetUtcNow() - board.AsOf < Interval(state)) return board;
        if (board is not null && !await state.Gate.WaitAsync(0, cancellationToken))
        {
            // Someone is refreshing it: answer with the board in hand rather than queue behind them.
            return board;
        }
        if (board is null) await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.Board is { } fresh && !state.Stale && time.GetUtcNow() - fresh.AsOf < Interval(state)) return fresh;
            return await RefreshAsync(campaign, state, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>
    /// An entry as the board knows it. One it does not know may be newer than the board (just counted, or approved on
    /// another instance), so the board reads what changed first; at most once per <see cref="Recheck"/> per contest,
    /// so made-up ids cannot make it read more than a few times a second.
    /// </summary>
    public async Task<BoardEntry?> FindAsync(Campaign campaign, string entryId, CancellationToken cancellationToken)
    {
        var board = await GetAsync(campaign, cancellationToken);
        if (board.Find(entryId) is { } known) return known;
        var state = states[campaign.Slug];
        if (!state.TryTakeRecheck(time.GetUtcNow(), Recheck)) return null;
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            // A refresh that ran while this one waited may have read it already.
            if (state.Board is { } current && current.AsOf > board.AsOf && current.Find(entryId) is { } found) return found;
            return (await RefreshAsync(campaign, state, cancellationToken)).Find(entryId);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);

    // A board whose read takes long (a big contest on a busy table service) is read less often: at most a fifth of
    // the time goes to reading it, so the refreshes cannot crowd out the tally writing the counts they read.
    private const int ReadShare = 5;

    private TimeSpan Interval(State state) =>
        TimeSpan.FromTicks(Math.Max(options.Value.BoardRefresh.Ticks, state.LastReadTook.Ticks * ReadShare));

    /// <summary>The board read whole now, for what must stand on every count (the winners).</summary>
    public async Task<ContestBoard> ReadWholeAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var state = states.GetOrAdd(campaign.Slug, slug => new State(slug));
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            state.FullReadAt = null;
            state.SnapshotTried = true;
            return await RefreshAsync(campaign, state, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>The snapshot write this instance has under way for the contest, if any; done when it is.</summary>
    public Task SnapshotWrittenAsync(string slug) =>
        states.TryGetValue(slug, out var state) && state.SnapshotWrite is { } write ? write : Task.CompletedTask;

    /// <summary>A moderator changed an entry through this instance: the next request reads what changed.</summary>
    public void MarkStale(string slug)
    {
        if (states.TryGetValue(slug, out var state)) state.Stale = true;
    }

    private async Task<ContestBoard> RefreshAsync(Campaign campaign, State state, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        if (!state.SnapshotTried)
        {
            state.SnapshotTried = true;
            await LoadSnapshotAsync(state, started, cancellationToken);
        }
        var full = state.FullReadAt is not { } last || started - last >= options.Value.FullRead;
        // By the storage's own clock (the newest Timestamp read so far), so the engine's clock being off changes nothing.
        DateTimeOffset? since = full ? null : state.Newest - Overlap;
        state.Stale = false;

        var changedEntries = 0;
        if (full) state.Entries.Clear();
        await foreach (var entry in entries.ChangedSinceAsync(campaign.Slug, since, cancellationToken))
        {
            state.Saw(entry.ChangedAt);
            // The overlap reads the last rows again on every refresh; only a real change makes a new board.
            if (!full && state.Entries.TryGetValue(entry.Id, out var known) && known == entry) continue;
            state.Entries[entry.Id] = entry;
            changedEntries++;
        }
        var changedRows = await ReadVotesAsync(campaign.Slug, state, since, full, cancellationToken);

        if (full) state.FullReadAt = started;
        // A full read's length says nothing of how long reading what changed takes, which is what spaces the refreshes.
        else state.LastReadTook = time.GetUtcNow() - started;
        if (full || changedEntries > 0 || changedRows > 0) state.ChangedSinceSnapshot = true;
        WriteSnapshotWhenDue(state, full);
        var threshold = campaign.SettingsAs<ContestSettings>().FlagThreshold;
        if (state.Board is not null && changedEntries == 0 && changedRows == 0 && state.Board.FlagThreshold == threshold)
        {
            // Nothing moved: keep the orders, only the age is new.
            return state.Board = state.Board.At(time.GetUtcNow());
        }
        logger.LogDebug("Contest board {Campaign}: {Entries} entries and {Rows} counter rows changed ({Kind} read)",
            campaign.Slug, changedEntries, changedRows, full ? "full" : "incremental");
        return state.Board = new ContestBoard(campaign.Slug, time.GetUtcNow(), state.Entries.Values, state.Votes, state.Flags, threshold);
    }

    private async Task LoadSnapshotAsync(State state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await snapshots.ReadAsync(state.Slug, cancellationToken) is not { } snapshot) return;
        foreach (var entry in snapshot.Entries) state.Entries[entry.Id] = entry;
        foreach (var (key, counts) in snapshot.Rows)
        {
            state.Rows[key] = counts;
            foreach (var (name, n) in counts) Add(state, name, n);
        }
        state.Saw(snapshot.Newest);
        // The snapshot stands for a full read as recent as the one it came from; the next is due an interval from now.
        state.FullReadAt = now;
        state.SnapshotAt = now;
        logger.LogInformation("Contest board {Campaign} starts from its snapshot: {Entries} entries, {Rows} counter rows, as of {Newest}",
            state.Slug, snapshot.Entries.Count, snapshot.Rows.Count, snapshot.Newest);
    }

    /// <summary>Writes the board's snapshot in the background after a full read, or when it changed and the last is old enough.</summary>
    private void WriteSnapshotWhenDue(State state, bool full)
    {
        var now = time.GetUtcNow();
        if (!snapshots.Enabled || state.Newest is not { } newest || !state.ChangedSinceSnapshot || state.SnapshotWriting) return;
        if (!full && state.SnapshotAt is { } last && now - last < options.Value.BoardSnapshot) return;
        // Entries are immutable records and a re-read row's counts replace the old dictionary, so shallow copies suffice.
        var snapshot = new BoardSnapshot(BoardSnapshot.CurrentVersion, state.Slug, newest, state.Entries.Values.ToList(),
            new Dictionary<string, Dictionary<string, long>>(state.Rows, StringComparer.Ordinal));
        state.SnapshotWriting = true;
        state.SnapshotAt = now;
        state.ChangedSinceSnapshot = false;
        state.SnapshotWrite = Task.Run(async () =>
        {
            try
            {
                await snapshots.WriteAsync(snapshot, CancellationToken.None);
            }
            catch (Exception ex)
            {
                state.ChangedSinceSnapshot = true;
                logger.LogWarning(ex, "Could not write the board snapshot of {Campaign}", state.Slug);
            }
            finally
            {
                state.SnapshotWriting = false;
            }
        });
    }

    /// <summary>Reads the further counter rows of the contest's shards; keeps each row's counts so a re-read replaces them.</summary>
    private async Task<int> ReadVotesAsync(string slug, State state, DateTimeOffset? since, bool full, CancellationToken cancellationToken)
    {
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var (fromRow, toRow) = SubmissionKeys.FurtherCounterRows;
        var filter = since is { } at
            ? TableClient.CreateQueryFilter($"PartitionKey gt {slug + "|"} and PartitionKey lt {slug + "|~"} and RowKey gt {fromRow} and RowKey lt {toRow} and Timestamp ge {at}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {slug + "|"} and PartitionKey lt {slug + "|~"} and RowKey gt {fromRow} and RowKey lt {toRow}");
        if (full)
        {
            state.Rows.Clear();
            state.Votes.Clear();
            state.Flags.Clear();
        }
        var changed = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var counts = PackedCounters.CountsOf(row);
            foreach (var name in counts.Keys.Where(n => !IsEntryCounter(n)).ToList()) counts.Remove(name);
            var key = row.PartitionKey + "/" + row.RowKey;
            if (row.Timestamp is { } stamp) state.Saw(stamp);
            if (state.Rows.TryGetValue(key, out var before))
            {
                if (SameCounts(before, counts)) continue;
                foreach (var (name, n) in before) Add(state, name, -n);
            }
            foreach (var (name, n) in counts) Add(state, name, n);
            state.Rows[key] = counts;
            changed++;
        }
        return changed;
    }

    private static bool IsEntryCounter(string name) =>
        name.StartsWith(EntryKeys.CounterPrefix, StringComparison.Ordinal) || name.StartsWith(EntryKeys.FlagPrefix, StringComparison.Ordinal);

    private static bool SameCounts(Dictionary<string, long> before, Dictionary<string, long> now) =>
        before.Count == now.Count && now.All(c => before.TryGetValue(c.Key, out var n) && n == c.Value);

    /// <summary>A counter's share, into the entry's votes or flags by its prefix (both are two characters).</summary>
    private static void Add(State state, string counter, long n)
    {
        var totals = counter.StartsWith(EntryKeys.FlagPrefix, StringComparison.Ordinal) ? state.Flags : state.Votes;
        var id = counter[EntryKeys.CounterPrefix.Length..];
        totals[id] = totals.GetValueOrDefault(id) + n;
    }

    private sealed class State(string slug)
    {
        public string Slug { get; } = slug;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        /// <summary>Each counter row's counts as last read (key: partition/row), so a re-read of a row replaces its share.</summary>
        public Dictionary<string, Dictionary<string, long>> Rows { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Votes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Flags { get; } = new(StringComparer.Ordinal);
        private ContestBoard? board;
        private volatile bool stale;

        /// <summary>Read by any request, written by the one refresher.</summary>
        public ContestBoard? Board { get => Volatile.Read(ref board); set => Volatile.Write(ref board, value); }

        public bool Stale { get => stale; set => stale = value; }
        /// <summary>The newest Timestamp of any row read so far: where the next read by what changed starts, less the overlap.</summary>
        public DateTimeOffset? Newest { get; private set; }

        private long lastRecheckTicks = long.MinValue;

        /// <summary>Whether a read for an unknown entry may run now: one per interval, whichever request asks first.</summary>
        public bool TryTakeRecheck(DateTimeOffset now, TimeSpan interval)
        {
            var last = Interlocked.Read(ref lastRecheckTicks);
            return (last == long.MinValue || now.UtcTicks - last >= interval.Ticks)
                && Interlocked.CompareExchange(ref lastRecheckTicks, now.UtcTicks, last) == last;
        }

        public void Saw(DateTimeOffset stamp)
        {
            if (Newest is not { } newest || stamp > newest) Newest = stamp;
        }
        public DateTimeOffset? FullReadAt { get; set; }

        public bool SnapshotTried { get; set; }
        public DateTimeOffset? SnapshotAt { get; set; }
        private volatile bool changedSinceSnapshot;
        private volatile bool snapshotWriting;

        /// <summary>Set by the refresher and by a failed background write.</summary>
        public bool ChangedSinceSnapshot { get => changedSinceSnapshot; set => changedSinceSnapshot = value; }

        /// <summary>The last background write started (it never throws).</summary>
        public Task? SnapshotWrite { get; set; }

        /// <summary>Cleared by the background write when it ends.</summary>
        public bool SnapshotWriting { get => snapshotWriting; set => snapshotWriting = value; }

        /// <summary>How long the last read took, which spaces the next (see <see cref="ReadShare"/>).</summary>
        public TimeSpan LastReadTook { get; set; }
    }
}
