using System.Collections.Concurrent;

namespace CampaignEngine.Review;

/// <summary>
/// Submission attempts per campaign and participant (a keyed hash of the device) over a 10-minute
/// window, in this instance's memory: the device-burst signal. Per instance on purpose, as the
/// signal only needs to see a device that hammers one instance; a device spread over N instances
/// by the load balancer is seen at up to N times its threshold. Only devices that already carry their
/// cookie are tracked (a device minted for a request has made no attempt before, and a cookieless
/// flood must not fill this), so a device's first request is not among its attempts. Bounded: past
/// 100,000 devices it forgets those whose window has passed, at most once every 10 seconds, and all
/// of them if that is not enough, since a missed signal costs less than unbounded memory.
/// </summary>
public sealed class DeviceActivity(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int SweepAbove = 100_000;
    private static readonly long SweepEvery = TimeSpan.FromSeconds(10).Ticks;
    private long lastSweep;
    private readonly ConcurrentDictionary<(string Slug, string Participant), Attempts> attempts = new();

    /// <summary>Counts one attempt and returns how many the device made in its current window, this one included.</summary>
    public int Record(string slug, string participant)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (attempts.Count > SweepAbove && now - Interlocked.Read(ref lastSweep) >= SweepEvery) Sweep(now);
        var entry = attempts.GetOrAdd((slug, participant), static (_, start) => new Attempts(start), now);
        lock (entry)
        {
            if (now - entry.Start >= Window.Ticks)
            {
                entry.Start = now;
                entry.Count = 0;
            }
            return ++entry.Count;
        }
    }

    /// <summary>Remembers that the device sent a challenge that did not hold, for the challenge-failed signal.</summary>
    public void ChallengeFailed(string slug, string participant)
    {
        var now = time.GetUtcNow().UtcTicks;
        var entry = attempts.GetOrAdd((slug, participant), static (_, start) => new Attempts(start), now);
        Volatile.Write(ref entry.FailedAt, now);
    }

    /// <summary>Whether the device sent a challenge that did not hold within the window.</summary>
    public bool FailedChallengeLately(string slug, string participant) =>
        attempts.TryGetValue((slug, participant), out var entry) && Volatile.Read(ref entry.FailedAt) is > 0 and var at
        && time.GetUtcNow().UtcTicks - at < Window.Ticks;

    private void Sweep(long now)
    {
        Interlocked.Exchange(ref lastSweep, now);
        foreach (var (key, entry) in attempts)
        {
            if (now - Volatile.Read(ref entry.Start) >= Window.Ticks) attempts.TryRemove(key, out _);
        }
        if (attempts.Count > SweepAbove) attempts.Clear();
    }

    private sealed class Attempts(long start)
    {
        public long Start = start;
        public int Count;
        public long FailedAt;
    }
}
