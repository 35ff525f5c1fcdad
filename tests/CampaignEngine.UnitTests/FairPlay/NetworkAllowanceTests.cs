using CampaignEngine.FairPlay;
using CsCheck;

namespace CampaignEngine.UnitTests.FairPlay;

public sealed class NetworkAllowanceTests
{
    [Theory]
    [InlineData(10, 0, 0, true)]
    [InlineData(10, 9, 0, true)]
    [InlineData(10, 10, 0, false)]
    [InlineData(10, 4, 5, true)]
    [InlineData(10, 4, 6, false)]
    [InlineData(10, 0, 10, false)]
    [InlineData(10, 0, 500, false)]
    [InlineData(1, 0, 0, true)]
    [InlineData(int.MaxValue, int.MaxValue - 1, int.MaxValue, false)]
    public void OneMoreFitsWhileOwnPlusPublishedStaysUnderTheLimit(int limit, int local, int others, bool allowed) =>
        Assert.Equal(allowed, NetworkAllowance.Allows(limit, local, others));

    [Theory]
    [InlineData(2000, 1, 8, 8)]      // the cap
    [InlineData(2000, 2, 8, 8)]
    [InlineData(2000, 50, 8, 4)]     // a tenth of 2,000 over 50 instances
    [InlineData(2000, 300, 8, 0)]    // many instances: publish every key
    [InlineData(50, 2, 8, 2)]
    [InlineData(5, 1, 8, 0)]
    [InlineData(2000, 0, 8, 8)]      // no heartbeat seen yet: this instance alone
    public void ThePublishThresholdKeepsWhatIsHeldBackToATenthOfTheLimit(int limit, int instances, int cap, int expected) =>
        Assert.Equal(expected, NetworkAllowance.PublishAbove(limit, instances, cap));

    [Fact]
    public void WhatTheOthersHoldBackNeverExceedsATenthOfTheLimit() =>
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 2_000]).Sample((limit, instances) =>
            (long)(instances - 1) * NetworkAllowance.PublishAbove(limit, instances, 1000) <= limit / 10);

    [Fact]
    public void TheBoundIsTheHeldBackCountsPlusWhatArrivesWhileTheViewIsBehind()
    {
        // 3 instances holding back at most 8 each from the others, 100 accepts/s, a 1 s sync, 50 ms to storage.
        Assert.Equal(2 * 8 + 100 * 2.05, NetworkAllowance.OvershootBound(3, 8, 100, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50)), 6);
        // One instance alone is exact.
        Assert.Equal(0, NetworkAllowance.OvershootBound(1, 8, 0, TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }

    [Fact]
    public void InstancesThatEachStopAtTheirViewOvershootByNoMoreThanTheBound()
    {
        // Two instances, a key hit alternately, each seeing the other's count as last published.
        // Publishing happens every `every` accepts, standing in for the sync interval.
        Gen.Select(Gen.Int[1, 500], Gen.Int[1, 40], Gen.Int[0, 8]).Sample((limit, every, cap) =>
        {
            var threshold = NetworkAllowance.PublishAbove(limit, 2, cap);
            int[] local = [0, 0], published = [0, 0];
            var sinceSync = 0;
            for (var i = 0; i < limit * 3; i++)
            {
                var me = i % 2;
                if (NetworkAllowance.Allows(limit, local[me], published[1 - me])) local[me]++;
                if (++sinceSync >= every)
                {
                    sinceSync = 0;
                    for (var j = 0; j < 2; j++) published[j] = local[j] > threshold ? local[j] : 0;
                }
            }
            var total = local[0] + local[1];
            // Here the "rate × lag" term is what arrives between two syncs: `every` requests.
            return total >= limit && total <= limit + threshold + every;
        });
    }
}
