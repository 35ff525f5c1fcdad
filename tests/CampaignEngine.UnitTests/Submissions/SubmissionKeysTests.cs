using CampaignEngine.Kinds;
using CampaignEngine.Campaigns;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using CsCheck;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class SubmissionKeysTests
{
    private static readonly Gen<string> VoterKey = Gen.Byte.Array[16].Select(Convert.ToHexStringLower);

    [Fact]
    public void TheShardIsAlwaysInRangeAndStableForAVoter()
    {
        Gen.Select(VoterKey, Gen.Int[1, 256]).Sample((key, shards) =>
        {
            var shard = SubmissionKeys.ShardOf(key, shards);
            return shard >= 0 && shard < shards && shard == SubmissionKeys.ShardOf(key, shards);
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
            counts[SubmissionKeys.ShardOf(Convert.ToHexStringLower(bytes), 16)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void TheDailyPeriodChangesAtUtcMidnight()
    {
        var lateNight = new DateTimeOffset(2026, 11, 23, 23, 59, 59, TimeSpan.Zero);
        Assert.Equal("d20261123", SubmissionKeys.PeriodKey(VotingPeriod.Day, lateNight));
        Assert.Equal("d20261124", SubmissionKeys.PeriodKey(VotingPeriod.Day, lateNight.AddSeconds(1)));
        Assert.Equal("c", SubmissionKeys.PeriodKey(VotingPeriod.Campaign, lateNight));
    }

    [Theory]
    [InlineData("2026-03-28T22:59:59Z", "d20260328", "2026-03-28T23:00:00Z", "d20260329")] // the night clocks go forward
    [InlineData("2026-10-24T21:59:59Z", "d20261024", "2026-10-24T22:00:00Z", "d20261025")] // the night clocks go back
    [InlineData("2026-03-29T21:59:59Z", "d20260329", "2026-03-29T22:00:00Z", "d20260330")] // the day after, on summer time
    [InlineData("2026-10-25T22:59:59Z", "d20261025", "2026-10-25T23:00:00Z", "d20261026")] // the day after, on winter time
    public void ADailyAllowanceResetsAtLocalMidnightAcrossDaylightSavingChanges(string before, string beforeKey, string after, string afterKey)
    {
        var warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

        Assert.Equal(beforeKey, SubmissionKeys.PeriodKey(VotingPeriod.Day, DateTimeOffset.Parse(before), warsaw));
        Assert.Equal(afterKey, SubmissionKeys.PeriodKey(VotingPeriod.Day, DateTimeOffset.Parse(after), warsaw));
        Assert.Equal("c", SubmissionKeys.PeriodKey(VotingPeriod.Campaign, DateTimeOffset.Parse(after), warsaw));
    }

    [Fact]
    public void ACapsPeriodStartsAgainAtLocalMidnightAndNeverMeetsAnItemsPeriod()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var daily = new AllowanceCap(5, VotingPeriod.Day);
        var beforeMidnight = new DateTimeOffset(2026, 12, 3, 14, 59, 59, TimeSpan.Zero);

        Assert.Equal("all-d20261203", daily.PeriodKey(beforeMidnight, tokyo));
        Assert.Equal("all-d20261204", daily.PeriodKey(beforeMidnight.AddSeconds(1), tokyo));
        Assert.Equal("all-c", new AllowanceCap(5, VotingPeriod.Campaign).PeriodKey(beforeMidnight, tokyo));

        // An entry's own period and the cap's: rows of one participant's votes, in ranges that do not overlap.
        var item = new AllowanceRule(1, VotingPeriod.Day, PerItem: true).PeriodKey(beforeMidnight, tokyo, "0123456789abcdef");
        var (from, to) = SubmissionKeys.ParticipantRange("ev", "p", daily.PeriodKey(beforeMidnight, tokyo));
        var itemRow = SubmissionKeys.Row("ev", "p", item, 1);
        Assert.False(string.CompareOrdinal(itemRow, from) > 0 && string.CompareOrdinal(itemRow, to) < 0, itemRow);
    }

    [Fact]
    public void AVotersRowsSortInsideTheirRange()
    {
        var (from, to) = SubmissionKeys.ParticipantRange("v", "abc", "c");
        foreach (var slot in new[] { 1, 2, 99, 100 })
        {
            var row = SubmissionKeys.Row("v", "abc", "c", slot);
            Assert.True(string.CompareOrdinal(row, from) > 0 && string.CompareOrdinal(row, to) < 0, row);
        }
        Assert.True(string.CompareOrdinal(SubmissionKeys.Row("v", "abd", "c", 1), to) > 0);
    }

    [Fact]
    public void RowsOfDifferentActionsNeverCollide() =>
        Assert.NotEqual(SubmissionKeys.Row("v", "abc", "c", 1), SubmissionKeys.Row("e", "abc", "c", 1));

    [Fact]
    public void PollVoteRowsKeepTheirOriginalShape() =>
        Assert.Equal("v|abc|c|001", SubmissionKeys.Row("v", "abc", "c", 1));

    [Fact]
    public void KeysNeverHoldCharactersTableStorageForbids()
    {
        Gen.Select(VoterKey, Gen.Int[1, 100]).Sample((key, slot) =>
        {
            var row = SubmissionKeys.Row("v", key, "d20260101", slot) + SubmissionKeys.Partition("my-poll", slot % 16);
            return !row.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        });
    }
}
