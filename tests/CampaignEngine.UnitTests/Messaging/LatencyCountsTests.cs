using CampaignEngine.Messaging;

namespace CampaignEngine.UnitTests.Messaging;

public sealed class LatencyCountsTests
{
    [Fact]
    public void ADurationFallsInTheFirstBucketWhoseBoundItDoesNotExceed()
    {
        var counts = new LatencyCounts();
        counts.Record(TimeSpan.FromMilliseconds(5));     // on the bound: ≤ 5
        counts.Record(TimeSpan.FromMilliseconds(5.1));   // just past it: ≤ 10
        counts.Record(TimeSpan.FromMilliseconds(100));   // ≤ 100
        counts.Record(TimeSpan.FromSeconds(40));         // past every bound

        var snapshot = counts.Snapshot();

        Assert.Equal(LatencyCounts.BoundsMs.Length + 1, snapshot.Counts.Length);
        Assert.Equal(1, snapshot.Counts[0]);
        Assert.Equal(1, snapshot.Counts[1]);
        Assert.Equal(1, snapshot.Counts[Array.IndexOf(LatencyCounts.BoundsMs, 100)]);
        Assert.Equal(1, snapshot.Counts[^1]);
        Assert.Equal(4, snapshot.Counts.Sum());
        Assert.Equal(40_000, snapshot.MaxMs);
    }

    [Fact]
    public void ConcurrentRecordsAreAllCountedAndTheSlowestIsKept()
    {
        var counts = new LatencyCounts();

        Parallel.For(0, 10_000, i => counts.Record(TimeSpan.FromMilliseconds(i % 300)));

        var snapshot = counts.Snapshot();
        Assert.Equal(10_000, snapshot.Counts.Sum());
        Assert.Equal(299, snapshot.MaxMs);
    }
}
