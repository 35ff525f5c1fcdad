using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// The real Dunkin': text entries from distinct participants on one contest, then votes from distinct voters on
/// those entries, most of them on a few favourites (as a public vote goes), each accepted, counted and checked.
/// </summary>
public sealed record DunkinRun(
    long EntriesSent,
    WrkResult Entries,
    CpuUse EntriesCpu,
    TallyCatchUp EntriesCounted,
    TimeSpan EntriesListed,
    WrkResult Votes,
    CpuUse VotesCpu,
    long MaxQueueDepth,
    TallyCatchUp VotesCounted,
    BoardCheck Board);

/// <summary>
/// Every entry's votes as the leaderboard shows them, against the votes wrk sent it: <paramref name="Exact"/> when
/// each entry has exactly its own (checked only when no vote was refused, since a refusal is not tied to an entry).
/// <paramref name="AfterLastAccept"/> is when the leaderboard first showed every vote.
/// </summary>
public sealed record BoardCheck(bool Exact, int Entries, int Mismatched, long TopVotes, TimeSpan AfterLastAccept, string? Note);

internal static class Dunkin
{
    /// <summary>The issue's "a few hundred with images".</summary>
    private const int PhotoCount = 300;

    public static async Task<DunkinRun> RunAsync(Engine engine, Wrk wrk, IReadOnlyList<int> azuritePids, int connections, int threads, long entries, long votes, string slug)
    {
        // The entries: one per participant, each from a device the engine has not seen.
        var meter = new CpuMeter(engine.Pid, azuritePids);
        var entryRun = await wrk.EntriesAsync(connections, entries, slug, TimeSpan.FromMinutes(5));
        var entryCpu = meter.Stop();
        var entriesCounted = await Tally.WaitAsync(entryRun, TimeSpan.FromSeconds(180), async () => (await engine.ContestTotalsAsync(slug)).Entries);
        Console.WriteLine($"  entries: {Describe(entryRun)}; {Cpu(entryCpu)}; counted {Counted(entriesCounted)}");

        // A few hundred photo entries on top, as fans send them from their phones.
        var photos = await PhotoEntries.RunAsync(engine, slug, PhotoCount);
        Console.WriteLine($"  photo entries: {PhotoEntries.Describe(photos)}");

        // The ids the votes go to, as the leaderboard lists them once every entry is on the board.
        var listing = Stopwatch.StartNew();
        var ids = await Until(TimeSpan.FromSeconds(300), () => engine.EntryVotesAsync(slug), listed => listed.Count >= entryRun.Accepted + photos.Processed);
        var listed = listing.Elapsed;
        Console.WriteLine($"  {ids.Count:N0} entries on the leaderboard {listed.TotalSeconds:0.0} s after they were counted");

        var (files, expected) = await WriteVotesAsync(ids.Keys.ToList(), votes, threads);
        try
        {
            meter = new CpuMeter(engine.Pid, azuritePids);
            using var depth = new QueueDepth(engine);
            var voteRun = await wrk.EntryVotesAsync(connections, slug, (int)(votes / threads), files, TimeSpan.FromMinutes(5));
            var voteCpu = meter.Stop();
            var maxDepth = await depth.StopAsync();
            var votesCounted = await Tally.WaitAsync(voteRun, TimeSpan.FromSeconds(180), async () => (await engine.ContestTotalsAsync(slug)).Votes);
            Console.WriteLine($"  votes: {Describe(voteRun)}; {Cpu(voteCpu)}; counted {Counted(votesCounted)}; queue max {maxDepth:N0} msgs");
            var board = await CheckBoardAsync(engine, slug, voteRun, expected);
            Console.WriteLine($"  every entry's votes on the leaderboard: {(board.Exact ? "exact" : "NOT exact")} {board.AfterLastAccept.TotalSeconds:0.0} s after the last accept " +
                              $"({board.Entries:N0} entries, {board.Mismatched:N0} differ, the favourite has {board.TopVotes:N0}){(board.Note is null ? "" : "; " + board.Note)}");
            return new DunkinRun(entries, entryRun, entryCpu, entriesCounted, listed, voteRun, voteCpu, maxDepth, votesCounted, board);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(files) + "*")) File.Delete(file);
        }
    }

    /// <summary>
    /// Votes spread as a public vote goes: entry i (in a shuffled order) gets a share that falls with its place, so a
    /// few favourites take most votes and most entries get one or none. One file of entry ids per wrk thread.
    /// </summary>
    private static async Task<(string Prefix, Dictionary<string, long> Expected)> WriteVotesAsync(List<string> ids, long votes, int threads)
    {
        var random = new Random(2026);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids));
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = new string[votes];
        for (var i = 0; i < votes; i++)
        {
            var id = ids[(int)(ids.Count * Math.Pow(random.NextDouble(), 3))];
            lines[i] = id;
            expected[id] = expected.GetValueOrDefault(id) + 1;
        }
        var prefix = Path.Combine(Path.GetTempPath(), $"ce-bench-dunkin-{Environment.ProcessId}");
        var perThread = votes / threads;
        for (var t = 0; t < threads; t++) await File.WriteAllLinesAsync($"{prefix}-{t + 1}.txt", lines.Skip((int)(t * perThread)).Take((int)perThread));
        return (prefix, expected);
    }

    private static async Task<BoardCheck> CheckBoardAsync(Engine engine, string slug, WrkResult run, Dictionary<string, long> expected)
    {
        var shown = await Until(TimeSpan.FromSeconds(120), () => engine.EntryVotesAsync(slug), listed => listed.Values.Sum() >= run.Accepted);
        var after = DateTimeOffset.UtcNow - run.LastAnswerAt;
        var top = shown.Values.DefaultIfEmpty(0).Max();
        if (run.Refused > 0)
        {
            var sum = shown.Values.Sum();
            return new BoardCheck(sum == run.Accepted, shown.Count, 0, top, after, $"{run.Refused:N0} votes refused, so only the sum is checked ({sum:N0} of {run.Accepted:N0})");
        }
        var mismatched = shown.Count(e => e.Value != expected.GetValueOrDefault(e.Key));
        return new BoardCheck(mismatched == 0, shown.Count, mismatched, top, after, null);
    }

    private static async Task<T> Until<T>(TimeSpan deadline, Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > deadline) return value;
            await Task.Delay(200);
        }
    }

    private static string Describe(WrkResult r) =>
        $"{r.AcceptedPerSecond:N0}/s over {r.Elapsed.TotalSeconds:0.0} s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, receipts {r.Accepted:N0}, refused {r.Refused:N0}" +
        (r.AllAnswered ? "" : " NOT ALL ANSWERED");

    private static string Cpu(CpuUse cpu) => $"cpu engine {cpu.Engine:0.00} azurite {cpu.Azurite:0.00} machine {cpu.Machine:0.00}";

    private static string Counted(TallyCatchUp t) =>
        $"{(t.Exact ? "exact" : $"NOT exact ({t.Tallied:N0})")} {t.AfterLastAccept.TotalSeconds:0.0} s after the last accept";
}
