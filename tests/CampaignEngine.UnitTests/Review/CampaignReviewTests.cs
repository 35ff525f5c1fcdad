using CampaignEngine.Kinds;
using CampaignEngine.Review;

namespace CampaignEngine.UnitTests.Review;

public sealed class CampaignReviewTests
{
    [Fact]
    public void LeftOutMeansCountedAtOnceWithTheDefaultThresholds()
    {
        Assert.Equal(ReviewSettings.Default, CampaignReview.Of(null));
        Assert.Equal(new ReviewSettings(true, ReviewSettings.DefaultNetworkBurst, 4), CampaignReview.Of(new ReviewRequest { HoldSuspect = true, DeviceBurst = 4 }));
    }

    [Theory]
    [InlineData(1, null, "review.networkBurst")]
    [InlineData(1_000_001, null, "review.networkBurst")]
    [InlineData(null, 1, "review.deviceBurst")]
    [InlineData(null, 1001, "review.deviceBurst")]
    public void ThresholdsOutOfRangeNameTheirField(int? networkBurst, int? deviceBurst, string field)
    {
        var errors = new FieldErrors();

        CampaignReview.Check(new ReviewRequest { NetworkBurst = networkBurst, DeviceBurst = deviceBurst }, errors);

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void DescribeReadsBackToTheSameSettings()
    {
        var settings = new ReviewSettings(true, 50, 7);
        Assert.Equal(settings, CampaignReview.Of(CampaignReview.Describe(settings)));
    }
}
