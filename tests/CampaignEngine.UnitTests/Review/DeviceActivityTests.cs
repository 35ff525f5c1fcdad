using CampaignEngine.Review;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.Review;

public sealed class DeviceActivityTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));

    [Fact]
    public void AttemptsCountPerCampaignAndDeviceWithinTheWindow()
    {
        var activity = new DeviceActivity(time);

        Assert.Equal(1, activity.Record("spring", "d1"));
        Assert.Equal(2, activity.Record("spring", "d1"));
        Assert.Equal(1, activity.Record("spring", "d2"));
        Assert.Equal(1, activity.Record("autumn", "d1"));
        time.Advance(DeviceActivity.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(3, activity.Record("spring", "d1"));
    }

    [Fact]
    public void AFreshWindowStartsOnceTheLastHasPassed()
    {
        var activity = new DeviceActivity(time);
        for (var i = 0; i < 5; i++) activity.Record("spring", "d1");

        time.Advance(DeviceActivity.Window);

        Assert.Equal(1, activity.Record("spring", "d1"));
    }

    [Fact]
    public void AFailedChallengeIsRememberedForTheWindow()
    {
        var activity = new DeviceActivity(time);
        Assert.False(activity.FailedChallengeLately("spring", "d1"));

        activity.ChallengeFailed("spring", "d1");

        Assert.True(activity.FailedChallengeLately("spring", "d1"));
        Assert.False(activity.FailedChallengeLately("spring", "d2"));
        time.Advance(DeviceActivity.Window);
        Assert.False(activity.FailedChallengeLately("spring", "d1"));
    }
}
