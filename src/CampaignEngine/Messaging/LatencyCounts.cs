using System.Diagnostics;

namespace CampaignEngine.Messaging;

/// <summary>
/// Counts of durations by bucket, lock-free: cheap enough to record on every send, and what the
/// benchmark reads to tell which wait (the queue, the outbox, the group) a slow answer came from.
/// </summary>
public sealed class LatencyCounts
{
    /// <summary>Upper bounds of the buckets in milliseconds; a last bucket holds everything slower.</summary>
    public static readonly int[] BoundsMs = [5, 10, 25, 50, 100, 200, 500, 1_000, 5_000];

    private readonly long[] counts = new long[BoundsMs.Length + 1];
    private long maxTicks;

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan elapsed)
    {
        var ms = elapsed.TotalMilliseconds;
        var bucket = 0;
        while (bucket < BoundsMs.Length && ms > BoundsMs[bucket]) bucket++;
        Interlocked.Increment(ref counts[bucket]);
        var ticks = elapsed.Ticks;
        var seen = Interlocked.Read(ref maxTicks);
        while (ticks > seen)
        {
            var before = Interlocked.CompareExchange(ref maxTicks, ticks, seen);
            if (before == seen) break;
            seen = before;
        }
    }

    public LatencySnapshot Snapshot() =>
        new(Enumerable.Range(0, counts.Length).Select(i => Interlocked.Read(ref counts[i])).ToArray(), TimeSpan.FromTicks(Interlocked.Read(ref maxTicks)).TotalMilliseconds);
}

/// <summary>Bucket counts (bounds in <see cref="LatencyCounts.BoundsMs"/>, then the rest) and the slowest seen.</summary>
public sealed record LatencySnapshot(long[] Counts, double MaxMs)
{
    public int[] BoundsMs => LatencyCounts.BoundsMs;
}
