using CampaignEngine.Contests;
using CampaignEngine.Submissions;

namespace CampaignEngine.UnitTests.Contests;

public sealed class EntryKeysTests
{
    [Fact]
    public void AnEntrysIdComesFromItsReceiptAloneAndShowsNothingOfIt()
    {
        var id = EntryKeys.IdOf("v|abc|c|001");

        Assert.Equal(id, EntryKeys.IdOf("v|abc|c|001"));
        Assert.NotEqual(id, EntryKeys.IdOf("v|abc|c|002"));
        Assert.True(EntryKeys.IsId(id));
        Assert.DoesNotContain("abc", id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdef0")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcdeg")]
    [InlineData("../../etc/passwd")]
    public void OnlySixteenLowerHexDigitsAreAnId(string? id) => Assert.False(EntryKeys.IsId(id));

    [Fact]
    public void TheFullestCounterRowStaysUnderTheLimitAtTheMostEntriesAContestTakes()
    {
        var perRow = Enumerable.Range(0, EntryKeys.MaxEntries).Select(i => EntryKeys.CounterRow(EntryKeys.IdOf($"receipt-{i}")))
            .GroupBy(r => r).Select(g => g.Count()).ToList();

        Assert.Equal(EntryKeys.Buckets, perRow.Count);
        // A table entity holds 252 properties of its own; the row keeps room to spare.
        Assert.InRange(perRow.Max(), 1, 220);
    }

    [Fact]
    public void CounterRowsAreFurtherCounterRowsOfTheShardAndCountersAreLegalPropertyNames()
    {
        var id = EntryKeys.IdOf("r");
        var (from, to) = SubmissionKeys.FurtherCounterRows;

        Assert.InRange(string.CompareOrdinal(EntryKeys.CounterRow(id), from), 1, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(EntryKeys.CounterRow(id), to), int.MinValue, -1);
        Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", EntryKeys.Counter(id));
        Assert.StartsWith(EntryKeys.Partition("my-contest", id)[..11], "my-contest|");
    }
}
