using Azure.Data.Tables;
using CampaignEngine.Submissions;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class PackedCountersTests
{
    [Fact]
    public void CountsComeBackAsTheyWentIn()
    {
        var counts = new Dictionary<string, long> { ["e_0123456789abcdef"] = 1, ["e_fedcba9876543210"] = 127, ["x"] = 128, ["zähler"] = long.MaxValue, ["zero"] = 0 };

        var packed = PackedCounters.Pack(counts);

        Assert.Equal("p0", Assert.Single(packed).Name);
        var back = new Dictionary<string, long>();
        PackedCounters.Unpack(packed[0].Value, back);
        Assert.Equal(counts.OrderBy(c => c.Key), back.OrderBy(c => c.Key));
    }

    [Fact]
    public void ManyCountersSpreadOverPropertiesOfAtMost64KiBAndNoneIsLost()
    {
        var counts = Enumerable.Range(0, 20_000).ToDictionary(i => $"e_{i:x16}", i => (long)i * 1_000);

        var packed = PackedCounters.Pack(counts);

        Assert.InRange(packed.Count, 6, 10);
        Assert.Equal(Enumerable.Range(0, packed.Count).Select(i => "p" + i), packed.Select(p => p.Name));
        Assert.All(packed, p => Assert.InRange(p.Value.Length, 60 * 1024, PackedCounters.MaxPropertyBytes));
        var back = new Dictionary<string, long>();
        foreach (var (_, value) in packed) PackedCounters.Unpack(value, back);
        Assert.Equal(counts.Count, back.Count);
        Assert.All(counts, c => Assert.Equal(c.Value, back[c.Key]));
    }

    [Fact]
    public void TheSameCountsPackToTheSameBytesWhateverTheirOrder()
    {
        var a = new Dictionary<string, long> { ["b"] = 2, ["a"] = 1 };
        var b = new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 };

        Assert.Equal(PackedCounters.Pack(a)[0].Value, PackedCounters.Pack(b)[0].Value);
    }

    [Fact]
    public void ARowReadsItsPackedCountersAndItsIntegerOnesTogether()
    {
        // A row written before counters were packed holds integer properties; the first packed write keeps their counts.
        var row = new TableEntity("p", "tally|e0001")
        {
            ["e_a"] = 3L,
            ["old"] = 2,
            ["p0"] = new BinaryData(PackedCounters.Pack(new Dictionary<string, long> { ["e_a"] = 4, ["e_b"] = 5 })[0].Value),
            ["p1"] = PackedCounters.Pack(new Dictionary<string, long> { ["e_c"] = 6 })[0].Value,
            ["pattern"] = "not a counter",
        };

        var counts = PackedCounters.CountsOf(row);

        Assert.Equal(new Dictionary<string, long> { ["e_a"] = 7, ["e_b"] = 5, ["e_c"] = 6, ["old"] = 2 }.OrderBy(c => c.Key), counts.OrderBy(c => c.Key));
    }

    [Theory]
    [InlineData("p0", true)]
    [InlineData("p12", true)]
    [InlineData("p", false)]
    [InlineData("px", false)]
    [InlineData("total", false)]
    public void OnlyPFollowedByDigitsIsAPackedProperty(string name, bool packed) => Assert.Equal(packed, PackedCounters.IsPacked(name));

    [Fact]
    public void ACounterNameLongerThan255BytesIsRefused() =>
        Assert.Throws<ArgumentException>(() => PackedCounters.Pack(new Dictionary<string, long> { [new string('e', 256)] = 1 }));
}
