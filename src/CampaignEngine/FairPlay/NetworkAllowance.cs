namespace CampaignEngine.FairPlay;

/// <summary>
/// The arithmetic of a limit shared by instances that each count exactly what they accepted and
/// publish only their hot keys (see docs/architecture.md, "Fair play: network limits").
/// </summary>
public static class NetworkAllowance
{
    /// <summary>One more fits while this instance's own count plus what the others published stays under the limit.</summary>
    public static bool Allows(int limit, int local, int others) => (long)local + others < limit;

    /// <summary>
    /// The count above which an instance publishes a key. What the other instances hold back
    /// unpublished is at most (instances − 1) × this, so it is kept to a tenth of the limit in all,
    /// and never above <paramref name="cap"/> (fewer writes for huge limits).
    /// </summary>
    public static int PublishAbove(int limit, int instances, int cap) =>
        Math.Clamp(limit / (10 * Math.Max(1, instances)), 0, Math.Max(0, cap));

    /// <summary>
    /// The most one key can be over its limit: what the other instances accepted but had not yet
    /// published (up to <paramref name="publishAbove"/> each), plus what all of them accept while one's
    /// view of the others is behind: a publish and a read, each up to one sync interval, plus a storage round trip.
    /// </summary>
    public static double OvershootBound(int instances, int publishAbove, double acceptedPerSecond, TimeSpan syncInterval, TimeSpan roundTrip) =>
        (long)Math.Max(0, instances - 1) * publishAbove + acceptedPerSecond * (2 * syncInterval + roundTrip).TotalSeconds;
}
