using CampaignEngine.Review;

namespace CampaignEngine.UnitTests.Review;

public sealed class SuspicionSignalsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    public void BrowsersCarryNoSignal(string agent) => Assert.Null(SuspicionSignals.OfUserAgent(agent));

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    [InlineData("curl/8.11.1")]
    [InlineData("Wget/1.21.4")]
    [InlineData("python-requests/2.32.3")]
    [InlineData("Go-http-client/2.0")]
    [InlineData("okhttp/4.12.0")]
    [InlineData("axios/1.7.9")]
    [InlineData("PostmanRuntime/7.43.0")]
    public void HeadlessBrowsersAndScriptsAreHeadless(string agent) => Assert.Equal(SuspicionSignals.Headless, SuspicionSignals.OfUserAgent(agent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoAgentIsItsOwnSignal(string? agent) => Assert.Equal(SuspicionSignals.NoUserAgent, SuspicionSignals.OfUserAgent(agent));

    [Fact]
    public void ACleanSubmissionHasNoSignalsAtAll() =>
        Assert.Null(SuspicionSignals.Of("Mozilla/5.0 Firefox/133.0", ReviewSettings.Default, ReviewSettings.DefaultNetworkBurst, ReviewSettings.DefaultDeviceBurst));

    [Fact]
    public void BurstsCountOnlyAboveTheirThresholds()
    {
        var review = new ReviewSettings(HoldSuspect: true, NetworkBurst: 5, DeviceBurst: 3);

        Assert.Null(SuspicionSignals.Of("Mozilla/5.0", review, networkCount: 5, deviceAttempts: 3));
        Assert.Equal("network-burst", SuspicionSignals.Of("Mozilla/5.0", review, networkCount: 6, deviceAttempts: 3));
        Assert.Equal("device-burst", SuspicionSignals.Of("Mozilla/5.0", review, networkCount: 0, deviceAttempts: 4));
    }

    [Fact]
    public void AnUnsolvedOrFailedChallengeIsASignalOfItsOwn()
    {
        Assert.Equal("unsolved-challenge", SuspicionSignals.Of("Mozilla/5.0", ReviewSettings.Default, 0, 1, unsolved: true));
        Assert.Equal("challenge-failed", SuspicionSignals.Of("Mozilla/5.0", ReviewSettings.Default, 0, 1, challengeFailed: true));
    }

    [Fact]
    public void SignalsJoinInAFixedOrderAndSplitBack()
    {
        var review = new ReviewSettings(NetworkBurst: 2, DeviceBurst: 2);

        var joined = SuspicionSignals.Of("curl/8", review, networkCount: 3, deviceAttempts: 3);

        Assert.Equal("device-burst,headless,network-burst", joined);
        Assert.Equal(["device-burst", "headless", "network-burst"], SuspicionSignals.Split(joined));
        Assert.Empty(SuspicionSignals.Split(null));
    }
}
