using System.Text;
using CampaignEngine.ShareCards;
using CsCheck;

namespace CampaignEngine.UnitTests.ShareCards;

public sealed class BidiTests
{
    private static int[] Levels(string text, TextDirection direction) => Bidi.Levels(text.EnumerateRunes().ToList(), direction);

    [Theory]
    [InlineData("abc def", TextDirection.Ltr, "0000000")]
    [InlineData("abc def", TextDirection.Rtl, "2222222")]
    [InlineData("אבג דהו", TextDirection.Rtl, "1111111")]
    [InlineData("אבג דהו", TextDirection.Ltr, "1111111")]
    [InlineData("אב 12 גד", TextDirection.Rtl, "11122111")]
    [InlineData("ab 12 cd", TextDirection.Rtl, "22222222")]
    [InlineData("אב 50% גד", TextDirection.Ltr, "111222111")]
    [InlineData("abc אבג!", TextDirection.Ltr, "00001110")]
    [InlineData("abc אבג!", TextDirection.Rtl, "22211111")]
    [InlineData("12 אב", TextDirection.Ltr, "00011")]
    public void LevelsFollowTheImplicitRules(string text, TextDirection direction, string expected) =>
        Assert.Equal(expected, string.Concat(Levels(text, direction)));

    [Fact]
    public void ReorderingReversesRightToLeftStretches()
    {
        // Logical: A(0) B(1) C(1) D(2) E(1) F(0) → visual: A E D C B F
        var runs = new[] { ('A', 0), ('B', 1), ('C', 1), ('D', 2), ('E', 1), ('F', 0) };
        Assert.Equal("AEDCBF", string.Concat(Bidi.Reorder(runs, r => r.Item2).Select(r => r.Item1)));
    }

    [Fact]
    public void ReorderingIsAPermutationAndAllEvenLevelsAreLeftAlone() =>
        Gen.Int[0, 3].Array[0, 20].Sample(levels =>
        {
            var runs = levels.Select((level, i) => (i, level)).ToList();
            var visual = Bidi.Reorder(runs, r => r.level);
            Assert.Equal(runs.Order(), visual.Order());
            if (levels.All(l => l == 0)) Assert.Equal(runs, visual);
        });

    [Fact]
    public void AnyTextGetsALevelPerCharacterOfItsOwnOrTheParagraphsDirection() =>
        Gen.Select(Gen.String[Gen.Char['\u0020', '\u06FF'], 0, 40], Gen.Bool).Sample((text, rtl) =>
        {
            var runes = text.EnumerateRunes().ToList();
            var levels = Bidi.Levels(runes, rtl ? TextDirection.Rtl : TextDirection.Ltr);
            Assert.Equal(runes.Count, levels.Length);
            Assert.All(levels, l => Assert.InRange(l, rtl ? 1 : 0, 2));
        });
}
