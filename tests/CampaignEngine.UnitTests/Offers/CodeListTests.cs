using CampaignEngine.Offers;

namespace CampaignEngine.UnitTests.Offers;

public sealed class CodeListTests
{
    [Fact]
    public void SpacesAreTrimmedAndBlankLinesAndRepeatsLeftOutWithTheirLines()
    {
        var report = CodeList.Clean(["  AAA ", "", "BBB", null, "AAA", "\t", "CCC"]);

        Assert.Equal(["AAA", "BBB", "CCC"], report.Codes);
        Assert.Equal(3, report.BlankLines);
        Assert.Equal(5, report.Repeats.Single().Line);
        Assert.Empty(report.Problems);
    }

    [Theory]
    [InlineData("=SUM(A1)", "formula")]
    [InlineData("+1", "formula")]
    [InlineData("-1", "formula")]
    [InlineData("@cmd", "formula")]
    [InlineData("AB CD", "printable ASCII")]
    [InlineData("CAFÉ", "printable ASCII")]
    [InlineData("A/B", "not allowed")]
    [InlineData("A#B", "not allowed")]
    [InlineData("A?B", "not allowed")]
    [InlineData("A\\B", "not allowed")]
    public void ACodeThatCannotBeHandedOutSafelyIsAProblem(string code, string why)
    {
        var report = CodeList.Clean(["GOOD", code]);

        Assert.Equal(2, report.Problems.Single().Line);
        Assert.Contains(why, report.Problems.Single().Reason);
    }

    [Fact]
    public void ACodeOfTheLongestLengthPassesAndOneLongerDoesNot()
    {
        Assert.Null(CodeList.ProblemOf(new string('A', CodeList.MaxLength)));
        Assert.Contains("Longer", CodeList.ProblemOf(new string('A', CodeList.MaxLength + 1)));
    }
}
