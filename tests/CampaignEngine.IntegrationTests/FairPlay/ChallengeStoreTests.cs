using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>The used-challenge table on real Azurite: one use each, and the sweep of past hours.</summary>
public sealed class ChallengeStoreTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private ChallengeStore Store => fixture.Host.Services.GetRequiredService<ChallengeStore>();

    private static IssuedChallenge Challenge(DateTimeOffset expiresAt) =>
        new("token", Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Guid.NewGuid().ToByteArray()), expiresAt.AddMinutes(-10), expiresAt, 8, NewDevice: false);

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

    [Fact]
    public async Task ABurstOfUsesSharesTransactionsAndStillTakesEachChallengeOnce()
    {
        // 300 challenges, each sent three times at once, and 20 of them used before the burst: the burst's
        // transactions meet rows already there and rows repeated within one round, and fall back row by row.
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);
        var challenges = Enumerable.Range(0, 300).Select(_ => Challenge(expires)).ToList();
        foreach (var early in challenges.Take(20)) Assert.True(await Store.TryUseAsync("store-burst", early, null));

        var uses = challenges.SelectMany(c => Enumerable.Repeat(c, 3)).OrderBy(_ => Random.Shared.Next())
            .Select(c => (c.Id, Task: Store.TryUseAsync("store-burst", c, null))).ToList();
        await Task.WhenAll(uses.Select(u => u.Task));

        var taken = uses.Where(u => u.Task.Result).GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(challenges.Take(20), c => Assert.False(taken.ContainsKey(c.Id)));
        Assert.All(challenges.Skip(20), c => Assert.Equal(1, taken.GetValueOrDefault(c.Id)));
        Assert.Equal(300, await Challenges.UsedAsync(fixture.Host, "store-burst"));
    }
}
