using CampaignEngine.Campaigns;
using CampaignEngine.Voting;
using CsCheck;

namespace CampaignEngine.UnitTests.Voting;

public sealed class VoteKeysTests
{
    private static readonly Gen<string> VoterKey = Gen.Byte.Array[16].Select(Convert.ToHexStringLower);

    [Fact]
    public void TheShardIsAlwaysInRangeAndStableForAVoter()
    {
        Gen.Select(VoterKey, Gen.Int[1, 256]).Sample((key, shards) =>
        {
            var shard = VoteKeys.ShardOf(key, shards);
            return shard >= 0 && shard < shards && shard == VoteKeys.ShardOf(key, shards);
        });
    }

    [Fact]
    public void VotersSpreadEvenlyOverShards()
    {
        var counts = new int[16];
        var random = new Random(42);
        for (var i = 0; i < 16_000; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            counts[VoteKeys.ShardOf(Convert.ToHexStringLower(bytes), 16)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void TheDailyPeriodChangesAtUtcMidnight()
    {
        var lateNight = new DateTimeOffset(2026, 11, 23, 23, 59, 59, TimeSpan.Zero);
        Assert.Equal("d20261123", VoteKeys.PeriodKey(VotingPeriod.Day, lateNight));
        Assert.Equal("d20261124", VoteKeys.PeriodKey(VotingPeriod.Day, lateNight.AddSeconds(1)));
        Assert.Equal("c", VoteKeys.PeriodKey(VotingPeriod.Campaign, lateNight));
    }

    [Fact]
    public void AVotersRowsSortInsideTheirRange()
    {
        var (from, to) = VoteKeys.VoterRange("abc", "c");
        foreach (var slot in new[] { 1, 2, 99, 100 })
        {
            var row = VoteKeys.VoteRow("abc", "c", slot);
            Assert.True(string.CompareOrdinal(row, from) > 0 && string.CompareOrdinal(row, to) < 0, row);
        }
        Assert.True(string.CompareOrdinal(VoteKeys.VoteRow("abd", "c", 1), to) > 0);
    }

    [Fact]
    public void OptionPropertiesAreDistinctForDistinctIds()
    {
        Assert.NotEqual(VoteKeys.OptionProperty("a-b"), VoteKeys.OptionProperty("ab"));
        Assert.Equal("o_a_b", VoteKeys.OptionProperty("a-b"));
    }

    [Fact]
    public void KeysNeverHoldCharactersTableStorageForbids()
    {
        Gen.Select(VoterKey, Gen.Int[1, 100]).Sample((key, slot) =>
        {
            var row = VoteKeys.VoteRow(key, "d20260101", slot) + VoteKeys.Partition("my-poll", slot % 16);
            return !row.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        });
    }
}
