using CampaignEngine.FairPlay;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.FairPlay;

/// <summary>A window of 30 minutes is 30 buckets of a minute: a hit counts until its bucket is 30 minutes old.</summary>
public sealed class SlidingCountsTests
{
    private static readonly UInt128 Key = 42;
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
    private readonly SlidingCounts counts = new(TimeSpan.FromMinutes(30));

    private long Now => counts.BucketAt(time.GetUtcNow());
    private void Hit(int times = 1) { for (var i = 0; i < times; i++) counts.Add(Key, Now); }
    private int Count => counts.CountOf(Key, Now);

    [Fact]
    public void HitsCountUntilTheirBucketIsAWindowOld()
    {
        Hit(3);
        time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
        Assert.Equal(3, Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Count);
    }

    [Fact]
    public void HitsSpreadOverBucketsExpireBucketByBucket()
    {
        Hit(2);                                  // 12:00
        time.Advance(TimeSpan.FromMinutes(10));
        Hit(3);                                  // 12:10
        time.Advance(TimeSpan.FromMinutes(10));
        Hit(4);                                  // 12:20
        Assert.Equal(9, Count);

        time.Advance(TimeSpan.FromMinutes(10));  // 12:30: the 12:00 bucket is a window old
        Assert.Equal(7, Count);
        time.Advance(TimeSpan.FromMinutes(10));  // 12:40
        Assert.Equal(4, Count);
        time.Advance(TimeSpan.FromMinutes(10));  // 12:50
        Assert.Equal(0, Count);
        Hit();
        Assert.Equal(1, Count);
    }

    [Fact]
    public void ACounterLeftAloneForLongerThanAWindowIsEmptyAgain()
    {
        Hit(2);
        time.Advance(TimeSpan.FromMinutes(5));
        Hit(2);
        time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, Count);
        Assert.Equal(1, counts.Sweep(Now));
        Assert.Equal(0, counts.Keys);
    }

    [Fact]
    public void ASubmissionCountsForAtLeast29OfThe30Minutes()
    {
        // The worst case: a hit at the very end of its bucket.
        time.Advance(TimeSpan.FromSeconds(59.9));
        Hit();
        time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, Count);
    }

    [Fact]
    public void RemovingAHitTakesBackExactlyThatOne()
    {
        Hit(2);
        var first = Now;
        time.Advance(TimeSpan.FromMinutes(5));
        Hit();
        counts.Remove(Key, first, Now);
        Assert.Equal(2, Count);

        // Its bucket is gone: nothing left to take back from it.
        time.Advance(TimeSpan.FromMinutes(26));
        counts.Remove(Key, first, Now);
        Assert.Equal(1, Count);
    }

    [Fact]
    public void TheWaitForRoomIsUntilEnoughOfTheOldestHitsExpire()
    {
        Hit(5);                                  // 12:00
        time.Advance(TimeSpan.FromMinutes(12));
        Hit(5);                                  // 12:12

        Assert.Equal(0, counts.BucketsUntilAtMost(Key, 10, Now));
        Assert.Equal(18, counts.BucketsUntilAtMost(Key, 9, Now));   // the 12:00 hits go at 12:30
        Assert.Equal(18, counts.BucketsUntilAtMost(Key, 5, Now));
        Assert.Equal(30, counts.BucketsUntilAtMost(Key, 4, Now));   // the 12:12 ones at 12:42
        Assert.Null(counts.BucketsUntilAtMost(Key, -1, Now));
    }

    [Fact]
    public void KeysAboveTheThresholdAreHotUntilTheyCoolDown()
    {
        counts.SetPublishAbove(3, Now);
        Hit(3);
        Assert.Empty(counts.Hot(Now));
        Hit();
        Assert.Equal([(Key, 4)], counts.Hot(Now));

        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Empty(counts.Hot(Now));
    }

    [Fact]
    public void ALowerThresholdFindsKeysThatAreAlreadyAboveIt()
    {
        Hit(5);
        counts.SetPublishAbove(8, Now);
        Assert.Empty(counts.Hot(Now));
        counts.SetPublishAbove(2, Now);
        Assert.Equal([(Key, 5)], counts.Hot(Now));
    }

    [Fact]
    public void EvictionForgetsColdKeysFirstAndNeverHotOnes()
    {
        counts.SetPublishAbove(3, Now);
        for (UInt128 k = 1; k <= 10; k++) counts.Add(k, Now);
        Hit(4);

        Assert.Equal(10, counts.Evict(100, Now));
        Assert.Equal(1, counts.Keys);
        Assert.Equal(4, Count);
    }

    [Fact]
    public void AResizedWindowKeepsWhatWasCountedForTheNewWindowFromNow()
    {
        Hit(3);
        time.Advance(TimeSpan.FromMinutes(20));
        var longer = counts.Resized(TimeSpan.FromHours(2), time.GetUtcNow());

        time.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(3, longer.CountOf(Key, longer.BucketAt(time.GetUtcNow())));
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(0, longer.CountOf(Key, longer.BucketAt(time.GetUtcNow())));
    }

    [Fact]
    public void AClockThatStepsBackNeverExpiresHitsEarly()
    {
        Hit();
        time.Advance(TimeSpan.FromMinutes(10));
        Hit();
        counts.Add(Key, Now - 5);
        time.Advance(TimeSpan.FromMinutes(24));
        // The step back counted in the newest bucket (12:10); the 12:00 hit is gone at 12:30.
        Assert.Equal(2, Count);
    }
}
