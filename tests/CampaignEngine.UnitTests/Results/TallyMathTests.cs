using CampaignEngine.Campaigns;
using CampaignEngine.Results;
using CampaignEngine.Voting;
using CsCheck;

namespace CampaignEngine.UnitTests.Results;

public sealed class TallyMathTests
{
    private static readonly Campaign Poll = new()
    {
        Slug = "poll",
        Title = "Poll",
        Options = [new("a", "A"), new("b-2", "B"), new("c", "C")],
    };

    private static Dictionary<string, long> Shard(long a, long b, long c) => new()
    {
        [VoteKeys.OptionProperty("a")] = a,
        [VoteKeys.OptionProperty("b-2")] = b,
        [VoteKeys.OptionProperty("c")] = c,
        [VoteKeys.TotalProperty] = a + b + c,
    };

    [Fact]
    public void ShardsAreSummedPerOption()
    {
        var results = TallyMath.Sum(Poll, [Shard(1, 2, 0), Shard(3, 0, 0), new Dictionary<string, long>()], DateTimeOffset.UnixEpoch);

        Assert.Equal(6, results.TotalVotes);
        Assert.Equal([4L, 2L, 0L], results.Options.Select(o => o.Votes));
        Assert.Equal([66.7, 33.3, 0.0], results.Options.Select(o => o.Percent));
    }

    [Fact]
    public void NoVotesMeansZeroPercentEverywhere()
    {
        var results = TallyMath.Sum(Poll, [], DateTimeOffset.UnixEpoch);
        Assert.All(results.Options, o => Assert.Equal(0, o.Percent));
        Assert.Equal(0, results.TotalVotes);
    }

    [Fact]
    public void CountsForUnknownOptionsAreIgnored()
    {
        var shard = Shard(1, 1, 1);
        shard["o_removed"] = 50;
        Assert.Equal(3, TallyMath.Sum(Poll, [shard], DateTimeOffset.UnixEpoch).TotalVotes);
    }

    [Fact]
    public void TheTotalIsTheSumOfTheOptionsAndPercentagesAddUpToAHundred()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000]).Array[1, 16].Sample(shards =>
        {
            var results = TallyMath.Sum(Poll, shards.Select(s => (IReadOnlyDictionary<string, long>)Shard(s.Item1, s.Item2, s.Item3)), DateTimeOffset.UnixEpoch);
            var expected = shards.Sum(s => s.Item1 + s.Item2 + s.Item3);
            var percent = results.Options.Sum(o => o.Percent);
            return results.TotalVotes == expected && results.Options.Sum(o => o.Votes) == expected
                && (expected == 0 ? percent == 0 : Math.Abs(percent - 100) <= 0.15);
        });
    }
}
