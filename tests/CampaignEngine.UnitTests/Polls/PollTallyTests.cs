using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using CsCheck;

namespace CampaignEngine.UnitTests.Polls;

public sealed class PollTallyTests
{
    private static readonly PollSettings Poll = new() { Options = [new("a", "A"), new("b-2", "B"), new("c", "C")] };

    private static readonly PollSettings Multiple = Poll with { MaxChoices = 3 };

    private static PollResults Sum(PollSettings poll, IEnumerable<IReadOnlyDictionary<string, long>> shards)
    {
        var totals = new Dictionary<string, long>();
        foreach (var (name, n) in shards.SelectMany(s => s)) totals[name] = totals.GetValueOrDefault(name) + n;
        return PollTally.Sum("poll", poll, new CounterTotals(totals, DateTimeOffset.UnixEpoch));
    }

    private static Dictionary<string, long> Shard(long a, long b, long c) => new()
    {
        [PollTally.OptionCounter("a")] = a,
        [PollTally.OptionCounter("b-2")] = b,
        [PollTally.OptionCounter("c")] = c,
        [SubmissionKeys.TotalCounter] = a + b + c,
    };

    [Fact]
    public void ShardsAreSummedPerOption()
    {
        var results = Sum(Poll, [Shard(1, 2, 0), Shard(3, 0, 0), new Dictionary<string, long>()]);

        Assert.Equal(6, results.TotalVotes);
        Assert.Equal([4L, 2L, 0L], results.Options.Select(o => o.Votes));
        Assert.Equal([66.7, 33.3, 0.0], results.Options.Select(o => o.Percent));
    }

    [Fact]
    public void NoVotesMeansZeroPercentEverywhere()
    {
        var results = Sum(Poll, []);
        Assert.All(results.Options, o => Assert.Equal(0, o.Percent));
        Assert.Equal(0, results.TotalVotes);
    }

    [Fact]
    public void CountsForUnknownOptionsAreIgnored()
    {
        var shard = Shard(1, 1, 1);
        shard["o_removed"] = 50;
        Assert.Equal(3, Sum(Poll, [shard]).TotalVotes);
    }

    [Fact]
    public void TheTotalIsTheSumOfTheOptionsAndPercentagesAddUpToAHundred()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000]).Array[1, 16].Sample(shards =>
        {
            var results = Sum(Poll, shards.Select(s => (IReadOnlyDictionary<string, long>)Shard(s.Item1, s.Item2, s.Item3)));
            var expected = shards.Sum(s => s.Item1 + s.Item2 + s.Item3);
            var percent = results.Options.Sum(o => o.Percent);
            return results.TotalVotes == expected && results.Options.Sum(o => o.Votes) == expected
                && (expected == 0 ? percent == 0 : Math.Abs(percent - 100) <= 0.15);
        });
    }

    [Fact]
    public void MultipleChoiceSharesAreOfBallots()
    {
        // Four ballots: a+b, a, a+c, b.
        var shard = new Dictionary<string, long>
        {
            [PollTally.OptionCounter("a")] = 3, [PollTally.OptionCounter("b-2")] = 2, [PollTally.OptionCounter("c")] = 1,
            [SubmissionKeys.TotalCounter] = 4,
        };
        var results = Sum(Multiple, [shard]);

        Assert.Equal(4, results.TotalVotes);
        Assert.Equal([75.0, 50.0, 25.0], results.Options.Select(o => o.Percent));
    }

    [Fact]
    public void OptionCountersAreDistinctForDistinctIds()
    {
        Assert.NotEqual(PollTally.OptionCounter("a-b"), PollTally.OptionCounter("ab"));
        Assert.Equal("o_a_b", PollTally.OptionCounter("a-b"));
    }
}
