using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>Two engines on one Azurite with one prefix and one secret: a challenge issued by one is taken by the other, once.</summary>
public sealed class ChallengeAcrossInstancesTests(TwoInstanceNetworkLimitTests.Pair pair) : IClassFixture<TwoInstanceNetworkLimitTests.Pair>
{
    [Fact]
    public async Task AChallengeUsedOnOneInstanceIsRefusedOnTheOther()
    {
        var poll = await pair.A.CreateCampaignAsync(new PollBuilder().UniqueSlug("two-instances").WithVotesPerVoter(5)
            .With("protection", Challenges.Protection()));
        using var fan = pair.A.CreateClient();
        // The device's second challenge: its first is kept to one count by the device's first slot (below).
        await Challenges.FetchAsync(fan, poll.Slug);
        var solution = (await Challenges.FetchAsync(fan, poll.Slug)).Solution;
        using var atB = pair.B.CreateClient(cookies: false);

        using var counted = await Challenges.VoteAsync(atB, poll.Slug, solution, cookie: fan.DeviceCookieHeader(poll.Slug));
        using var replayed = await Challenges.VoteAsync(fan, poll.Slug, solution);

        Assert.Equal(HttpStatusCode.Accepted, counted.StatusCode);
        await Challenges.AssertRefusedAsync(replayed, "already used");
        await NetworkVotes.TallyStaysAsync(pair.A, poll.Slug, 1);
    }

    [Fact]
    public async Task ADeviceWhoseChallengeCameWithItCountsOnceEvenWhereNoClaimOrLedgerCookieStopsIt()
    {
        // One vote per voter. The first challenge comes with the device, so spending it skips the ledger;
        // the second does not. Voting with the second, then the first at the other instance without the
        // ledger cookie, finds no claim and no cookie there: the tally's row keys must still count one.
        var poll = await pair.A.CreateCampaignAsync(new PollBuilder().UniqueSlug("new-device").With("protection", Challenges.Protection()));
        using var fan = pair.A.CreateClient();
        var withDevice = await Challenges.FetchAsync(fan, poll.Slug);
        var later = await Challenges.FetchAsync(fan, poll.Slug);
        Assert.EndsWith("n", withDevice.Challenge.Split('.')[2]);
        Assert.DoesNotContain("n", later.Challenge.Split('.')[2]);

        using var counted = await Challenges.VoteAsync(fan, poll.Slug, later.Solution);
        using var atB = pair.B.CreateClient(cookies: false);
        using var again = await Challenges.VoteAsync(atB, poll.Slug, withDevice.Solution, cookie: fan.DeviceCookieHeader(poll.Slug));

        Assert.Equal(HttpStatusCode.Accepted, counted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        // Where the claim or the cookie knows, it is refused outright.
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(fan, poll.Slug, withDevice.Solution), "already used");
        await Challenges.AssertRefusedAsync(await Challenges.VoteAsync(atB, poll.Slug, withDevice.Solution, cookie: fan.DeviceCookieHeader(poll.Slug)),
            "already used");
        await NetworkVotes.TallyStaysAsync(pair.A, poll.Slug, 1);
        // Only the second challenge took a single-use row.
        Assert.Equal(1, await Challenges.UsedAsync(pair.A, poll.Slug));
    }
}
