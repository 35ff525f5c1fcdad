using System.Diagnostics;
using CampaignEngine.ShareCards;
using SkiaSharp;
using Xunit.Abstractions;

namespace CampaignEngine.UnitTests.ShareCards;

public sealed class ShareCardRendererTests(ITestOutputHelper output)
{
    public static TheoryData<string> CardNames => new(SampleCards.All.Keys);

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("the card is not a PNG");

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCardIsA1200By630Png(string name)
    {
        var png = ShareCardRenderer.Render(SampleCards.All[name]);
        CardFiles.Write(name, png);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using var bitmap = Decode(png);
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void TheSameContentGivesTheSameBytes()
    {
        foreach (var content in SampleCards.All.Values)
        {
            Assert.Equal(ShareCardRenderer.Render(content), ShareCardRenderer.Render(content with { }));
        }
    }

    [Fact]
    public void ConcurrentRendersShareTheFontsSafely()
    {
        var contents = SampleCards.All.Values.ToArray();
        var expected = contents.Select(ShareCardRenderer.Render).ToArray();
        var actual = new byte[contents.Length * 4][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = ShareCardRenderer.Render(contents[i % contents.Length]));
        for (var i = 0; i < actual.Length; i++) Assert.Equal(expected[i % contents.Length], actual[i]);
    }

    [Theory]
    [InlineData("en-results", false)]
    [InlineData("he-results", true)]
    [InlineData("ar-results-cover", true)]
    [InlineData("fa-results", true)]
    public void BarsAreFilledInTheAccentColourFromTheReadingSide(string name, bool rtl)
    {
        var content = SampleCards.All[name];
        var layout = ShareCardLayout.For(content);
        using var bitmap = Decode(ShareCardRenderer.Render(content));

        Assert.Equal(content.Standings.Count, layout.Bars.Count);
        foreach (var ((track, fill), standing) in layout.Bars.Zip(content.Standings))
        {
            Assert.Equal(track.Width * standing.Percent / 100, fill.Width, 0.01);
            Assert.Equal(rtl ? track.Right : track.Left, rtl ? fill.Right : fill.Left);
            var y = (int)track.MidY;
            Assert.Equal(layout.Accent, bitmap.GetPixel((int)fill.MidX, y));
            var empty = rtl ? (int)track.Left + 10 : (int)track.Right - 10;
            Assert.NotEqual(layout.Accent, bitmap.GetPixel(empty, y)); // the unfilled track is a pale tint
            Assert.NotEqual(ShareCardLayout.Background, bitmap.GetPixel(empty, y));
        }
    }

    [Fact]
    public void AVeryLongTitleStaysInsideTheMarginsAndEndsWithAnEllipsis()
    {
        var content = SampleCards.All["en-long"];
        var layout = ShareCardLayout.For(content);
        using var bitmap = Decode(ShareCardRenderer.Render(content));

        Assert.Equal(3, layout.Title.Count);
        Assert.EndsWith(LineBreaker.Ellipsis, layout.Title[^1].Line.Text);
        Assert.All(layout.Title, line => Assert.InRange(line.Line.Width, 1, layout.Column.Width));
        for (var y = 0; y < layout.Strip.Top; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var inside = x >= layout.Column.Left - 4 && x < layout.Column.Right + 4 && y >= layout.Column.Top - 4 && y < layout.Column.Bottom + 4;
                if (!inside && bitmap.GetPixel(x, y) != ShareCardLayout.Background) Assert.Fail($"ink at ({x},{y}), outside the text column {layout.Column}");
            }
        }
        // ...and the text does reach across the column, so the check above looked at a real title.
        Assert.Contains(Enumerable.Range((int)layout.Column.Right - 200, 200), x => Enumerable.Range(0, 630).Any(y => bitmap.GetPixel(x, y) != ShareCardLayout.Background));
    }

    [Fact]
    public void RightToLeftCardsMirrorTheLayout()
    {
        var ltr = ShareCardLayout.For(SampleCards.All["en-logo-cover"]);
        var rtl = ShareCardLayout.For(SampleCards.All["he-logo-cover"]);

        Assert.True(ltr.Cover!.Value.Left > ltr.Column.Right && rtl.Cover!.Value.Right < rtl.Column.Left, "the cover sits on the trailing side");
        Assert.Equal(ltr.Column.Left, ltr.Logo!.Value.Left);
        Assert.Equal(rtl.Column.Right, rtl.Logo!.Value.Right);
        Assert.All(ltr.Title, line => Assert.Equal(ltr.Column.Left, line.X));
        Assert.All(rtl.Title, line => Assert.Equal(rtl.Column.Right, line.X + line.Line.Width, 0.01));
        var footer = rtl.Lines.Single(l => l.Line.Text == "demo-donuts.example");
        Assert.Equal(rtl.Column.Left, footer.X); // beside the logo, the footer goes to the far (left) side
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("123456")]
    [InlineData("#12345g")]
    [InlineData("red")]
    public void AnAccentThatIsNotHexRgbIsRefused(string accent) =>
        Assert.Throws<ArgumentException>(() => ShareCardRenderer.Render(new ShareCardContent { Title = "x", AccentColor = accent }));

    [Fact]
    public void UndecodableImagesAreLeftOut()
    {
        var content = new ShareCardContent { Title = "Still a card", Logo = "not a png"u8.ToArray(), Cover = new byte[] { 0xFF, 0xD8, 0xFF } };
        using var bitmap = Decode(ShareCardRenderer.Render(content));
        Assert.Equal(1200, bitmap.Width);
    }

    [Fact]
    public void RenderTimeIsReported()
    {
        foreach (var name in new[] { "en-plain", "he-logo-cover", "ar-results-cover", "fa-results", "en-long" })
        {
            var content = SampleCards.All[name];
            ShareCardRenderer.Render(content); // first use loads the fonts
            var times = new List<double>();
            byte[] png = [];
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                png = ShareCardRenderer.Render(content);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"{name,-18} median {times[times.Count / 2],6:0.0} ms  min {times[0],6:0.0} ms  {png.Length / 1024,4} KiB");
            using var bitmap = Decode(png);
            Assert.Equal(630, bitmap.Height);
        }
    }
}
