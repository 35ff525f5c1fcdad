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
    public void TheFullestCounterRowPacksWithinAnEntityAndAFullTransactionWithinItsLimitAtTheMostEntriesAContestTakes()
    {
        var buckets = Enumerable.Range(0, EntryKeys.MaxEntries).Select(i => EntryKeys.IdOf($"receipt-{i}"))
            .GroupBy(EntryKeys.CounterRow).ToList();
        var fullest = buckets.MaxBy(b => b.Count())!;
        // Every entry with a vote in this shard, and counts far beyond any contest's.
        var packed = PackedCounters.Pack(fullest.ToDictionary(EntryKeys.Counter, _ => 5_000_000L));

        Assert.Equal(EntryKeys.Buckets, buckets.Count);
        Assert.All(packed, p => Assert.InRange(p.Value.Length, 1, PackedCounters.MaxPropertyBytes));
        var rowBytes = packed.Sum(p => p.Value.Length);
        Assert.InRange(rowBytes, 1, PackedCounters.MaxRowBytes);
        // A transaction rewrites at most 2 further counter rows (touching more, it inserts a delta row instead), as base64 (4/3), in its 4 MiB.
        Assert.InRange(2 * rowBytes * 4 / 3, 1, 4 * 1024 * 1024 * 3 / 4);
    }

    [Fact]
    public void CounterRowsAreFurtherCounterRowsOfTheShardAndCountersAreLegalPropertyNames()
    {
        var id = EntryKeys.IdOf("r");
        var (from, to) = SubmissionKeys.FurtherCounterRows;

        Assert.InRange(string.CompareOrdinal(EntryKeys.CounterRow(id), from), 1, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(EntryKeys.CounterRow(id), to), int.MinValue, -1);
        var delta = SubmissionKeys.NewDeltaRow();
        Assert.InRange(string.CompareOrdinal(delta, from), 1, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(delta, to), int.MinValue, -1);
        Assert.NotEqual(delta, SubmissionKeys.NewDeltaRow());
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(EntryKeys.Counter(id)), 1, PackedCounters.MaxNameBytes);
        Assert.StartsWith(EntryKeys.Partition("my-contest", id)[..11], "my-contest|");
    }
}
