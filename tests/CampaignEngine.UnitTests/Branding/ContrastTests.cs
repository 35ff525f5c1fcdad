using CampaignEngine.Branding;

namespace CampaignEngine.UnitTests.Branding;

public sealed class ContrastTests
{
    private static double Ratio(string a, string b) => Contrast.Ratio(RgbColor.Parse(a), RgbColor.Parse(b));

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#777777", "#ffffff", 4.48)]
    [InlineData("#767676", "#ffffff", 4.54)]
    [InlineData("#1f4fd1", "#ffffff", 6.78)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    public void RatiosMatchTheKnownValues(string a, string b, double expected) => Assert.Equal(expected, Ratio(a, b), 2);

    [Fact]
    public void TheRatioIsSymmetric() => Assert.Equal(Ratio("#1f4fd1", "#f3f5f8"), Ratio("#f3f5f8", "#1f4fd1"));

    [Theory]
    [InlineData("#000", 0.0)]
    [InlineData("#fff", 1.0)]
    [InlineData("#FF0000", 0.2126)]
    [InlineData("#00ff00", 0.7152)]
    [InlineData("#0000ff", 0.0722)]
    public void RelativeLuminanceWeighsTheChannels(string color, double expected) =>
        Assert.Equal(expected, RgbColor.Parse(color).RelativeLuminance, 6);

    [Theory]
    [InlineData("#1f4fd1", 0x1f, 0x4f, 0xd1)]
    [InlineData("#ABC", 0xaa, 0xbb, 0xcc)]
    [InlineData("#0aF", 0x00, 0xaa, 0xff)]
    public void ShortAndLongHexParse(string text, int r, int g, int b) =>
        Assert.Equal(new RgbColor((byte)r, (byte)g, (byte)b), RgbColor.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1f4fd1")]
    [InlineData("#1f4fd")]
    [InlineData("#1f4fd1f")]
    [InlineData("#ggg")]
    [InlineData(" #fff")]
    [InlineData("#fff ")]
    [InlineData("red")]
    [InlineData("rgb(0,0,0)")]
    [InlineData("#")]
    [InlineData("#１２３")]
    public void AnythingElseIsRefusedWithTheFormToUse(string? text)
    {
        Assert.False(RgbColor.TryParse(text, out _, out var error));
        Assert.Contains("#rgb or #rrggbb", error);
        Assert.Throws<FormatException>(() => RgbColor.Parse(text!));
    }

    [Theory]
    [InlineData("#fff8")]
    [InlineData("#1f4fd180")]
    public void TransparentColoursAreRefusedAsSuch(string text)
    {
        Assert.False(RgbColor.TryParse(text, out _, out var error));
        Assert.Contains("opaque", error);
    }

    [Fact]
    public void ColoursPrintAsLowerCaseLongHex() => Assert.Equal("#aabbcc", RgbColor.Parse("#ABC").ToString());

    [Theory]
    [InlineData(4.4999, "4.49:1")]
    [InlineData(4.4776, "4.48:1")]
    [InlineData(4.5, "4.5:1")]
    [InlineData(21.0, "21:1")]
    public void AFailingRatioNeverReadsAsPassing(double ratio, string shown) => Assert.Equal(shown, Contrast.Format(ratio));
}
