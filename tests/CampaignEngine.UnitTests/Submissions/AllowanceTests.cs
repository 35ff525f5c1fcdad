using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class AllowanceTests
{
    [Fact]
    public void AFirstVoteTakesSlotOne() => Assert.Equal(1, Allowance.NextSlot(1, 0, [], _ => true));

    [Fact]
    public void OneVotePerVoterRefusesTheSecond() => Assert.Null(Allowance.NextSlot(1, 1, [], _ => true));

    [Fact]
    public void SlotsFoundInStorageAreSkipped() => Assert.Equal(3, Allowance.NextSlot(3, 0, [1, 2], _ => true));

    [Fact]
    public void ASlotClaimedBySimultaneousRequestIsSkipped()
    {
        var recent = new RecentVotes(new FakeTimeProvider());
        bool Claim(int slot) => recent.TryClaim("p", $"v|k|c|{slot}") == SlotClaim.New;

        Assert.Equal(1, Allowance.NextSlot(2, 0, [], Claim));
        Assert.Equal(2, Allowance.NextSlot(2, 0, [], Claim));
        Assert.Null(Allowance.NextSlot(2, 0, [], Claim));
    }

    [Fact]
    public void AReleasedClaimCanBeTakenAgain()
    {
        var recent = new RecentVotes(new FakeTimeProvider());
        Assert.Equal(SlotClaim.New, recent.TryClaim("p", "r"));
        recent.Release("p", "r");
        Assert.Equal(SlotClaim.New, recent.TryClaim("p", "r"));
    }

    [Fact]
    public void OldClaimsAreSweptOnceTheSetIsLargeAndRecentOnesKept()
    {
        var clock = new FakeTimeProvider();
        var recent = new RecentVotes(clock);
        for (var i = 0; i <= 200_000; i++) recent.TryClaim("p", $"old-{i}");
        clock.Advance(TimeSpan.FromMinutes(9));
        recent.TryClaim("p", "recent");
        Assert.Equal(200_002, recent.Count);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SlotClaim.New, recent.TryClaim("p", "newest"));

        Assert.Equal(2, recent.Count);
        Assert.Equal(SlotClaim.Taken, recent.TryClaim("p", "recent"));
        Assert.Equal(SlotClaim.New, recent.TryClaim("p", "old-7"));
    }

    [Fact]
    public void ARetryOfTheSameRequestSharesItsClaimAndNoOtherRequestDoes()
    {
        var recent = new RecentVotes(new FakeTimeProvider());

        Assert.Equal(SlotClaim.New, recent.TryClaim("p", "r", "request-a"));
        Assert.Equal(SlotClaim.Shared, recent.TryClaim("p", "r", "request-a"));
        Assert.Equal(SlotClaim.Taken, recent.TryClaim("p", "r", "request-b"));
        Assert.Equal(SlotClaim.Taken, recent.TryClaim("p", "r"));
    }

    [Fact]
    public void NoVoterEverGetsMoreSlotsThanTheAllowance()
    {
        Gen.Select(Gen.Int[1, 20], Gen.Int[0, 25], Gen.Int[1, 40]).Sample((allowance, used, attempts) =>
        {
            var claimed = new HashSet<int>();
            var granted = 0;
            for (var i = 0; i < attempts; i++)
            {
                if (Allowance.NextSlot(allowance, used, [], claimed.Add) is { } slot)
                {
                    granted++;
                    if (slot <= used || slot > allowance) return false;
                }
            }
            return granted == Math.Min(attempts, Math.Max(0, allowance - used));
        });
    }
}
