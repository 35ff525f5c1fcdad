using CampaignEngine.Branding;
using CampaignEngine.Pages.Rendering;
using CsCheck;

namespace CampaignEngine.UnitTests.Branding;

public sealed class AccentColorTests
{
    private static readonly Gen<RgbColor> AnyColor = Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, (r, g, b) => new RgbColor(r, g, b));

    [Fact]
    public void TheDefaultAccentPasses() => Assert.Null(AccentColor.Validate("#1f4fd1"));

    [Fact]
    public void GreyJustUnderTheLineFailsWithTheRatiosAndTheNearestShade()
    {
        var error = AccentColor.Validate("#777777");

        Assert.NotNull(error);
        Assert.Contains("4.48:1", error);
        Assert.Contains("4.5:1 is needed", error);
        Assert.Contains("darker shade that passes is #767676 (4.54:1)", error);
    }

    [Fact]
    public void GreyJustOverTheLinePasses()
    {
        var check = AccentColor.Check(RgbColor.Parse("#767676"));

        Assert.True(check.Passes);
        Assert.Equal(4.54, check.Ratio, 2);
        Assert.Null(check.Suggestion);
    }

    [Theory]
    [InlineData("#ffcc00")]
    [InlineData("#ffffff")]
    [InlineData("#ff0000")]
    [InlineData("#3399ff")]
    public void LightAccentsGetADarkerShadeOfTheSameHueThatPasses(string text)
    {
        var accent = RgbColor.Parse(text);
        var check = AccentColor.Check(accent);

        Assert.False(check.Passes);
        var shade = Assert.NotNull(check.Suggestion);
        Assert.True(AccentColor.Check(shade).Passes);
        Assert.True(shade.R <= accent.R && shade.G <= accent.G && shade.B <= accent.B);
        Assert.Contains(shade.ToString(), AccentColor.Validate(text));
    }

    [Fact]
    public void NotAColourSaysSo() => Assert.Contains("#rgb or #rrggbb", AccentColor.Validate("blue"));

    [Fact]
    public void TheUsesMatchTheColoursOfTheLayout()
    {
        var layout = PageTemplates.Source("layout");

        // Buttons: white text on the accent. Links: the accent on the cards, which are white.
        Assert.Contains("background:var(--accent);color:#fff", layout);
        Assert.Contains("a{color:var(--accent)", layout);
        Assert.Contains("--card:#fff", layout);
        Assert.All(AccentColor.Uses, use => Assert.Equal(RgbColor.White, use.Other));
    }

    [Fact]
    public void TheSuggestedShadeAlwaysPasses() => AnyColor.Sample(accent =>
    {
        var check = AccentColor.Check(accent);
        if (check.Passes)
        {
            Assert.Null(check.Suggestion);
            return;
        }
        var shade = Assert.NotNull(check.Suggestion);
        Assert.True(AccentColor.Check(shade).Passes, $"{accent} -> {shade}");
        Assert.Null(AccentColor.Validate(shade.ToString()));
    }, iter: 2000);

    [Fact]
    public void NoAccentPassesExceptByReachingTheNeededRatio() => AnyColor.Sample(accent =>
        Assert.Equal(Contrast.Ratio(accent, RgbColor.White) >= Contrast.MinimumForText, AccentColor.Validate(accent.ToString()) is null));
}
