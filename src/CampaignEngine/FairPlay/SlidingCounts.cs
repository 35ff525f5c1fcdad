using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CampaignEngine.FairPlay;

/// <summary>
/// How many submissions each key (a hashed address or network) had within a sliding window, in
/// <see cref="Buckets"/> buckets of a thirtieth of the window: a submission counts from its bucket
/// until that bucket is a whole window old, i.e. for between 29/30 of the window and all of it.
/// Most keys (one fan, one vote) are seen in one bucket only and cost no array. Keys whose count is
/// above <see cref="PublishAbove"/> are <em>hot</em>: they are what this instance tells the others.
/// Not thread-safe; its owner holds a lock.
/// </summary>
public sealed class SlidingCounts
{
    public const int Buckets = 30;
    private readonly Dictionary<UInt128, Counter> counters = [];
    private readonly HashSet<UInt128> hot = [];

    public SlidingCounts(TimeSpan window)
    {
        Window = window;
        BucketTicks = Math.Max(1, window.Ticks / Buckets);
    }

    public TimeSpan Window { get; }
    public long BucketTicks { get; }
    public int Keys => counters.Count;
    public int PublishAbove { get; private set; } = int.MaxValue;

    public long BucketAt(DateTimeOffset now) => now.UtcTicks / BucketTicks;
    public DateTimeOffset StartOf(long bucket) => new(bucket * BucketTicks, TimeSpan.Zero);

    /// <summary>The key's count in the window that ends in <paramref name="bucket"/>.</summary>
    public int CountOf(UInt128 key, long bucket)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrNullRef(counters, key);
        if (Unsafe.IsNullRef(ref c)) return 0;
        Advance(ref c, bucket);
        return c.Total;
    }

    public void Add(UInt128 key, long bucket)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(counters, key, out _);
        // A clock that stepped back counts in the newest bucket: later expiry, never earlier.
        bucket = Math.Max(bucket, c.Bucket);
        Advance(ref c, bucket);
        if (c.Ring is null && c.Total > 0 && c.Bucket != bucket)
        {
            // Hits in a second bucket: from here on one cell per bucket.
            var ring = new int[Buckets];
            ring[Index(c.Bucket)] = c.Total;
            c.Ring = ring;
        }
        if (c.Ring is not null) c.Ring[Index(bucket)]++;
        c.Bucket = bucket;
        c.Total++;
        if (c.Total > PublishAbove) hot.Add(key);
    }

    /// <summary>Takes back a hit added in <paramref name="hitBucket"/> (its submission was not queued after all).</summary>
    public void Remove(UInt128 key, long hitBucket, long bucket)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrNullRef(counters, key);
        if (Unsafe.IsNullRef(ref c)) return;
        Advance(ref c, bucket);
        if (c.Ring is null)
        {
            if (c.Total > 0 && c.Bucket == hitBucket) c.Total--;
        }
        else if (hitBucket > c.Bucket - Buckets && hitBucket <= c.Bucket && c.Ring[Index(hitBucket)] > 0)
        {
            c.Ring[Index(hitBucket)]--;
            c.Total--;
        }
        if (c.Total == 0) Forget(key);
    }

    /// <summary>
    /// How many buckets from <paramref name="bucket"/> until the key's count is at most
    /// <paramref name="atMost"/> by expiry alone; null when that cannot happen (<paramref name="atMost"/> below 0).
    /// </summary>
    public long? BucketsUntilAtMost(UInt128 key, int atMost, long bucket)
    {
        if (atMost < 0) return null;
        ref var c = ref CollectionsMarshal.GetValueRefOrNullRef(counters, key);
        if (Unsafe.IsNullRef(ref c)) return 0;
        Advance(ref c, bucket);
        if (c.Total <= atMost) return 0;
        // A bucket's hits stop counting once the window has moved a whole window past it.
        if (c.Ring is null) return c.Bucket + Buckets - bucket;
        var left = c.Total;
        for (var b = c.Bucket - Buckets + 1; b <= c.Bucket; b++)
        {
            left -= c.Ring[Index(b)];
            if (left <= atMost) return b + Buckets - bucket;
        }
        return Buckets;
    }

    /// <summary>Hot keys and their counts now; keys that cooled down stop being hot.</summary>
    public List<(UInt128 Key, int Count)> Hot(long bucket)
    {
        var result = new List<(UInt128, int)>(hot.Count);
        List<UInt128>? cooled = null;
        foreach (var key in hot)
        {
            var count = CountOf(key, bucket);
            if (count > PublishAbove) result.Add((key, count));
            else (cooled ??= []).Add(key);
        }
        foreach (var key in cooled ?? []) hot.Remove(key);
        return result;
    }

    /// <summary>Changes the hot threshold; a lower one looks through every key once.</summary>
    public void SetPublishAbove(int threshold, long bucket)
    {
        var lower = threshold < PublishAbove;
        PublishAbove = threshold;
        if (!lower) return;
        foreach (var key in counters.Keys.ToList())
        {
            if (CountOf(key, bucket) > threshold) hot.Add(key);
        }
    }

    /// <summary>Drops keys whose hits have all expired; returns how many.</summary>
    public int Sweep(long bucket)
    {
        var idle = new List<UInt128>();
        foreach (var key in counters.Keys)
        {
            if (CountOf(key, bucket) == 0) idle.Add(key);
        }
        foreach (var key in idle) Forget(key);
        return idle.Count;
    }

    /// <summary>
    /// Under memory pressure: forgets up to <paramref name="most"/> keys that are not hot, fewest hits
    /// first. A forgotten key starts again from zero, so it may take up to <see cref="PublishAbove"/> more.
    /// </summary>
    public int Evict(int most, long bucket)
    {
        var removed = 0;
        for (var atMost = 1; removed < most && atMost <= Math.Clamp(PublishAbove, 1, 1000); atMost++)
        {
            var cold = new List<UInt128>();
            foreach (var key in counters.Keys)
            {
                if (removed + cold.Count >= most) break;
                if (!hot.Contains(key) && CountOf(key, bucket) <= atMost) cold.Add(key);
            }
            foreach (var key in cold) Forget(key);
            removed += cold.Count;
        }
        return removed;
    }

    /// <summary>The same counts over another window: what was counted stays counted, from now, for the new window.</summary>
    public SlidingCounts Resized(TimeSpan window, DateTimeOffset now)
    {
        var resized = new SlidingCounts(window) { PublishAbove = PublishAbove };
        var old = BucketAt(now);
        var bucket = resized.BucketAt(now);
        foreach (var key in counters.Keys)
        {
            if (CountOf(key, old) is > 0 and var count) resized.counters[key] = new Counter { Bucket = bucket, Total = count };
        }
        foreach (var key in hot) resized.hot.Add(key);
        return resized;
    }

    private void Forget(UInt128 key)
    {
        counters.Remove(key);
        hot.Remove(key);
    }

    private static int Index(long bucket) => (int)(((bucket % Buckets) + Buckets) % Buckets);

    /// <summary>
    /// Moves a counter to <paramref name="bucket"/>: hits a whole window old stop counting. Without a
    /// ring every hit sits in <see cref="Counter.Bucket"/>; with one, <see cref="Counter.Bucket"/> is the
    /// newest bucket and the ring holds the window that ends there.
    /// </summary>
    private static void Advance(ref Counter c, long bucket)
    {
        if (bucket <= c.Bucket) return;
        if (c.Ring is null)
        {
            if (bucket - c.Bucket >= Buckets) c.Total = 0;
            return;
        }
        var steps = Math.Min(bucket - c.Bucket, Buckets);
        for (var i = 1; i <= steps; i++)
        {
            ref var cell = ref c.Ring[Index(c.Bucket + i)];
            c.Total -= cell;
            cell = 0;
        }
        c.Bucket = bucket;
        if (c.Total == 0) c.Ring = null;
    }

    private struct Counter
    {
        public long Bucket;
        public int Total;
        public int[]? Ring;
    }
}
