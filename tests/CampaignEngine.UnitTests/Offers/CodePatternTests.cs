using CampaignEngine.Offers;

namespace CampaignEngine.UnitTests.Offers;

public sealed class CodePatternTests
{
    [Fact]
    public void AMillionCodesOfAPatternAreDistinctAndUseOnlyTheUnmistakableAlphabet()
    {
        var codes = CodePattern.Generate("DONUT-####-####", 1_000_000);

        Assert.Equal(1_000_000, codes.Count);
        Assert.Equal(1_000_000, codes.Distinct(StringComparer.Ordinal).Count());
        var alphabet = CodePattern.Alphabet.ToHashSet();
        Assert.Equal(32, alphabet.Count);
        Assert.DoesNotContain('0', alphabet);
        Assert.DoesNotContain('O', alphabet);
        Assert.DoesNotContain('1', alphabet);
        Assert.DoesNotContain('I', alphabet);
        Assert.All(codes.Take(10_000), code =>
        {
            Assert.Equal(15, code.Length);
            Assert.StartsWith("DONUT-", code);
            Assert.Equal('-', code[10]);
            Assert.All(code[6..10] + code[11..], c => Assert.Contains(c, alphabet));
        });
    }

    [Fact]
    public void EveryCharacterOfTheAlphabetTurnsUpAboutEquallyOften()
    {
        var counts = CodePattern.Generate("########", 20_000).SelectMany(c => c).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(32, counts.Count);
        // 160,000 draws over 32 characters: 5,000 each; a biased draw would stray far more than 10 %.
        Assert.All(counts.Values, n => Assert.InRange(n, 4_500, 5_500));
    }

    [Theory]
    [InlineData("", 10, "Give a pattern")]
    [InlineData("ab-######", 10, "capital letters")]
    [InlineData("-######", 10, "formula")]
    [InlineData("X-#####", 10, "at least 6")]
    [InlineData("######", 1_000_000, "Too few")]
    public void APatternThatCannotMakeTheCodesSafelyIsRefusedSayingWhy(string pattern, int count, string why)
    {
        Assert.Contains(why, CodePattern.Problem(pattern, count));
        Assert.Throws<ArgumentException>(() => CodePattern.Generate(pattern, count));
    }

    [Fact]
    public void AnAmpleRandomPartPasses() => Assert.Null(CodePattern.Problem("DONUT-####-####", 100_000));
}
