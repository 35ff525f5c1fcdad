using CampaignEngine.ShareCards;

namespace CampaignEngine.UnitTests.ShareCards;

public sealed class TextShaperTests
{
    [Theory]
    [InlineData("ما النكهة التي يجب أن نطلقها بعد ذلك؟", "NotoSansArabic-Bold")]
    [InlineData("کدام طعم را بعداً عرضه کنیم؟ می‌خواهم ۱۲۰۴ رأی", "NotoSansArabic-Bold")]
    [InlineData("איזה טעם נשיק בפעם הבאה?", "NotoSansHebrew-Bold")]
    [InlineData("Łódź, Rīga in Ljubljana: 46 %", "NotoSans-Bold")]
    public void EveryCharacterGetsARealGlyphFromTheFontOfItsScript(string text, string font)
    {
        var line = TextShaper.Shape(text, TextDirection.Rtl, 48, bold: true);

        Assert.NotEmpty(line.Glyphs);
        Assert.DoesNotContain((ushort)0, line.Glyphs); // glyph 0 is the "missing" box
        Assert.Contains(line.Runs, r => r.Face.Name == font);
        Assert.True(line.Width > 100);
    }

    [Fact]
    public void ArabicLettersJoin()
    {
        // Alone, each letter is its isolated form; in a word HarfBuzz picks the joined (initial/medial/final) forms.
        var word = TextShaper.Shape("سلام", TextDirection.Rtl, 48, bold: false).Glyphs.ToHashSet();
        var isolated = "سلام".Select(c => TextShaper.Shape(c.ToString(), TextDirection.Rtl, 48, bold: false).Glyphs.Single());
        Assert.NotEmpty(word.Except(isolated));
    }

    [Fact]
    public void RightToLeftTextRunsFromRightToLeftAndEmbeddedLatinStaysReadable()
    {
        var line = TextShaper.Shape("שלום World 2025", TextDirection.Rtl, 40, bold: false);

        // Visual order, left to right: the Latin run (and the number) first, the Hebrew word last, at the right.
        Assert.Equal("NotoSansHebrew-Regular", line.Runs[^1].Face.Name);
        Assert.Contains(line.Runs.Take(line.Runs.Count - 1), r => r.Face.Name == "NotoSans-Regular");
        Assert.True(line.Runs[^1].RightToLeft);
        Assert.False(line.Runs[0].RightToLeft);
        var latin = TextShaper.Shape("World", TextDirection.Ltr, 40, bold: false).Glyphs;
        Assert.True(line.Glyphs.ToArray().AsSpan().IndexOf(latin.ToArray()) >= 0, "the Latin word keeps its letter order");
    }

    [Fact]
    public void CharactersNoEmbeddedFontHasAreDroppedRatherThanDrawnAsBoxes()
    {
        Assert.Equal("Summer poll", TextShaper.Drawable("  Summer 🎉\n poll 中 "));
        Assert.Equal("می\u200Cخواهم", TextShaper.Drawable("می\u200Cخواهم")); // the zero-width non-joiner Persian needs stays
    }

    [Fact]
    public void LongTextWrapsAtSpacesIntoLinesThatFit()
    {
        var breaker = new LineBreaker(TextDirection.Ltr, 40, bold: false);
        var lines = breaker.Wrap("one two three four five six seven eight nine ten eleven twelve", 300, 10);

        Assert.True(lines.Count > 2);
        Assert.All(lines, l => Assert.True(l.Width <= 300, $"'{l.Text}' is {l.Width} wide"));
        Assert.Equal("one two three four five six seven eight nine ten eleven twelve", string.Join(' ', lines.Select(l => l.Text)));
    }

    [Fact]
    public void AWordWiderThanTheLineIsCutAndTheLastLineEllipsized()
    {
        var breaker = new LineBreaker(TextDirection.Rtl, 40, bold: true);
        var lines = breaker.Wrap("אאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאאא בבב", 260, 2);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.Width <= 260));
        Assert.EndsWith(LineBreaker.Ellipsis, lines[1].Text);
    }
}
