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
    private readonly ConcurrentDictionary<string, DateTimeOffset> claimed = new();

    public bool TryClaim(string partition, string rowKey)
    {
        if (claimed.Count > SweepAbove) Sweep();
        return claimed.TryAdd(partition + "/" + rowKey, time.GetUtcNow());
    }

    public void Release(string partition, string rowKey) => claimed.TryRemove(partition + "/" + rowKey, out _);

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var (key, at) in claimed)
        {
            if (at < cutoff) claimed.TryRemove(key, out _);
        }
    }
}
