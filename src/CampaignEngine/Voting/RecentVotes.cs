using System.Collections.Concurrent;

namespace CampaignEngine.Voting;

/// <summary>
/// Vote slots this instance handed out recently. It closes the window between accepting a vote
/// and tallying it, in which two simultaneous requests from one device would otherwise both get
/// a receipt for the same slot. The tally's row keys remain the final word on counting.
/// </summary>
public sealed class RecentVotes(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private const int SweepAbove = 200_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? RequestKey)> claimed = new();

    /// <summary>
    /// Claims a slot. A slot already claimed by the same idempotent request (a retry) is
    /// <see cref="SlotClaim.Shared"/>: the retry may carry the same vote again, the tally keeps one.
    /// </summary>
    public SlotClaim TryClaim(string partition, string rowKey, string? requestKey = null)
    {
        if (claimed.Count > SweepAbove) Sweep();
        var key = partition + "/" + rowKey;
        if (claimed.TryAdd(key, (time.GetUtcNow(), requestKey))) return SlotClaim.New;
        return requestKey is not null && claimed.TryGetValue(key, out var holder) && holder.RequestKey == requestKey
            ? SlotClaim.Shared
            : SlotClaim.Taken;
    }

    public void Release(string partition, string rowKey) => claimed.TryRemove(partition + "/" + rowKey, out _);

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var (key, claim) in claimed)
        {
            if (claim.At < cutoff) claimed.TryRemove(key, out _);
        }
    }
}

public enum SlotClaim
{
    New,
    Shared,
    Taken,
}
