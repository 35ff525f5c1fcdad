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
        var solution = (await Challenges.FetchAsync(fan, poll.Slug)).Solution;
        using var atB = pair.B.CreateClient(cookies: false);

        using var counted = await Challenges.VoteAsync(atB, poll.Slug, solution, cookie: fan.DeviceCookieHeader(poll.Slug));
        using var replayed = await Challenges.VoteAsync(fan, poll.Slug, solution);

        Assert.Equal(HttpStatusCode.Accepted, counted.StatusCode);
        await Challenges.AssertRefusedAsync(replayed, "already used");
        await NetworkVotes.TallyStaysAsync(pair.A, poll.Slug, 1);
    }
}
