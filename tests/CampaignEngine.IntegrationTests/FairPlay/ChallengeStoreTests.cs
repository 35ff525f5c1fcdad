using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>The used-challenge table on real Azurite: one use each, and the sweep of past hours.</summary>
public sealed class ChallengeStoreTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private ChallengeStore Store => fixture.Host.Services.GetRequiredService<ChallengeStore>();

    private static IssuedChallenge Challenge(DateTimeOffset expiresAt) =>
        new("token", Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Guid.NewGuid().ToByteArray()), expiresAt.AddMinutes(-10), expiresAt, 8);

    [Fact]
    public async Task AChallengeIsUsedOnceUnlessTheSameRequestRetries()
    {
        var challenge = Challenge(DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.True(await Store.TryUseAsync("store-once", challenge, "request-1"));
        Assert.True(await Store.TryUseAsync("store-once", challenge, "request-1"));
        Assert.False(await Store.TryUseAsync("store-once", challenge, "request-2"));
        Assert.False(await Store.TryUseAsync("store-once", challenge, null));
    }

    [Fact]
    public async Task TheSweepDeletesHoursThatHaveEndedAndKeepsTheCurrentOne()
    {
        var now = DateTimeOffset.UtcNow;
        var old = Challenge(now.AddHours(-3));
        var current = Challenge(now.AddMinutes(5));
        Assert.True(await Store.TryUseAsync("store-sweep", old, null));
        Assert.True(await Store.TryUseAsync("store-sweep", current, null));

        Assert.True(await Store.DeleteExpiredAsync(now, 1000) >= 1);

        // The old one is gone, so it could be inserted again; the current one still refuses a second use.
        Assert.True(await Store.TryUseAsync("store-sweep", old, null));
        Assert.False(await Store.TryUseAsync("store-sweep", current, null));
    }
}
