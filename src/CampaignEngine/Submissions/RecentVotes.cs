using System.Collections.Concurrent;

namespace CampaignEngine.Submissions;

/// <summary>
/// Vote slots this instance handed out recently. It closes the window between accepting a vote
/// and tallying it, in which two simultaneous requests from one device would otherwise both get
/// a receipt for the same slot. The tally's row keys remain the final word on counting.
/// Brand-new devices never need a claim (nobody else can hold their voter key), so under a
/// flood of first-time voters this set stays small.
/// </summary>
public sealed class RecentVotes(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);
    private const int SweepAbove = 200_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? RequestKey)> claimed = new();
    // ConcurrentDictionary.Count takes every lock of the dictionary, so the size is kept here.
    private int count;
    private long nextSweepTicks;

    /// <summary>
    /// Claims a slot. A slot already claimed by the same idempotent request (a retry) is
    /// <see cref="SlotClaim.Shared"/>: the retry may carry the same vote again, the tally keeps one.
    /// </summary>
    public SlotClaim TryClaim(string partition, string rowKey, string? requestKey = null)
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref count) > SweepAbove) SweepNowAndThen(now);
        var key = partition + "/" + rowKey;
        if (claimed.TryAdd(key, (now, requestKey)))
        {
            Interlocked.Increment(ref count);
            return SlotClaim.New;
        }
        return requestKey is not null && claimed.TryGetValue(key, out var holder) && holder.RequestKey == requestKey
            ? SlotClaim.Shared
            : SlotClaim.Taken;
    }

    /// <summary>The first of slots 1 to <paramref name="slots"/> claimed by this idempotent request, if any; claims nothing.</summary>
    public int? SlotClaimedBy(string partition, Func<int, string> rowKey, int slots, string requestKey)
    {
        for (var n = 1; n <= slots; n++)
        {
            if (claimed.TryGetValue(partition + "/" + rowKey(n), out var holder) && holder.RequestKey == requestKey) return n;
        }
        return null;
    }

    public void Release(string partition, string rowKey)
    {
        if (claimed.TryRemove(partition + "/" + rowKey, out _)) Interlocked.Decrement(ref count);
    }

    public int Count => Volatile.Read(ref count);

    /// <summary>Sweeps at most once per interval, by one caller, so a large set costs nothing per vote.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due) return;
        var cutoff = now - Retention;
        foreach (var (key, claim) in claimed)
        {
            if (claim.At < cutoff && claimed.TryRemove(key, out _)) Interlocked.Decrement(ref count);
        }
    }
}

public enum SlotClaim
{
    New,
    Shared,
    Taken,
}
