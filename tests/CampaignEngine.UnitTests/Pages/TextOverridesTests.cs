using CampaignEngine.Pages.Localization;
using CsCheck;

namespace CampaignEngine.UnitTests.Pages;

public sealed class TextOverridesTests
{
    private static Dictionary<string, string[]> Validate(string key, string value, string? locale = null) =>
        TextOverrides.Validate(new Dictionary<string, string> { [key] = value }, locale);

    private static string Only(Dictionary<string, string[]> errors, string key) => Assert.Single(Assert.Contains(key, errors));

    [Fact]
    public void NoOverridesAndGoodOverridesAreFine()
    {
        Assert.Empty(TextOverrides.Validate(null));
        Assert.Empty(TextOverrides.Validate(new Dictionary<string, string>
        {
            ["vote_button"] = "Count me in",
            ["share_text"] = "Help us pick: {0}",
            ["total_votes"] = "{0} fans have spoken",
            ["votes_one"] = "one fan",
            ["votes_other"] = "{0} fans",
        }, "en"));
    }

    [Fact]
    public void AnUnknownKeyNamesCloseKnownOnes()
    {
        var message = Only(Validate("vote_buton", "Go"), "texts.vote_buton");
        Assert.StartsWith("Unknown text key.", message);
        Assert.Contains("vote_button", message);

        Assert.Contains("vote_button", Only(Validate("Vote_Button", "Go"), "texts.Vote_Button"));
        Assert.Contains("vote_button", Only(Validate("button", "Go"), "texts.button"));
        Assert.Equal("Unknown text key.", Only(Validate("zzzzzzzzzzzzzzzzzzzzzz", "Go"), "texts.zzzzzzzzzzzzzzzzzzzzzz"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyValueIsRefused(string value) => Assert.Equal("Must not be empty.", Only(Validate("vote_button", value), "texts.vote_button"));

    [Fact]
    public void AValueOfMoreThan500CharactersIsRefused()
    {
        Assert.Empty(Validate("thanks_text", new string('a', TextOverrides.MaxLength)));
        Assert.Contains("500", Only(Validate("thanks_text", new string('a', TextOverrides.MaxLength + 1)), "texts.thanks_text"));
    }

    [Theory]
    [InlineData("Vote\nnow")]
    [InlineData("Vote\tnow")]
    [InlineData("Vote\0")]
    [InlineData("\u0085Vote")]
    public void ControlCharactersAreRefused(string value) =>
        Assert.Contains("Control characters", Only(Validate("vote_button", value), "texts.vote_button"));

    [Theory]
    [InlineData("share_text", "Vote now!")]
    [InlineData("share_text", "Vote: {1}")]
    [InlineData("share_text", "Vote: {0} {1}")]
    [InlineData("vote_button", "Vote {0}")]
    [InlineData("votes_other", "{0} votes of {1}")]
    public void PlaceholdersMustMatchTheOriginal(string key, string value) =>
        Assert.Contains("placeholder", Only(Validate(key, value), $"texts.{key}"));

    [Theory]
    [InlineData("share_text", "Vote {0} }")]
    [InlineData("share_text", "{0} {x}")]
    [InlineData("vote_button", "Vote {")]
    public void LoneBracesAreRefused(string key, string value) =>
        Assert.Contains("Curly braces", Only(Validate(key, value), $"texts.{key}"));

    [Fact]
    public void APlaceholderMayRepeat() => Assert.Empty(Validate("share_text", "{0} — vote on {0}"));

    [Fact]
    public void PluralFormsAreOverriddenPerCategoryOfTheLocale()
    {
        Assert.Empty(Validate("votes_few", "{0} głosy fanów", "pl"));
        Assert.Empty(Validate("votes_zero", "لا أحد صوّت بعد", "ar"));
        Assert.Empty(Validate("votes_few", "{0} fans", locale: null));

        var message = Only(Validate("votes_few", "{0} fans", "en"), "texts.votes_few");
        Assert.Contains("votes_one, votes_other", message);
        Assert.NotEmpty(Validate("vote_one", "x", "en"));
    }

    [Fact]
    public void AtMostOneHundredOverrides()
    {
        // There are fewer real keys than the limit; the count is checked whatever the keys are.
        Dictionary<string, string> Overrides(int count) => Enumerable.Range(0, count).ToDictionary(i => $"key_{i}", _ => "x");

        Assert.Contains("100", Only(TextOverrides.Validate(Overrides(TextOverrides.MaxOverrides + 1)), "texts"));
        Assert.DoesNotContain("texts", TextOverrides.Validate(Overrides(TextOverrides.MaxOverrides)).Keys);
    }

    [Fact]
    public void AnyAcceptedOverrideFormatsWithoutThrowing() =>
        Gen.Select(Gen.OneOf(TextOverrides.KeysFor("en").ToArray()), Gen.String[Gen.Char["ab {}01\n"], 1, 12])
            .Sample((key, value) =>
            {
                var texts = new Dictionary<string, string> { [key] = value };
                if (TextOverrides.Validate(texts, "en").Count > 0) return;
                var locale = new PageStrings().For("en").WithOverrides(texts);
                Assert.Equal(value, locale.Strings[key]);
                _ = locale.Format(key, "x");
                _ = locale.Count("votes", 7);
            });
}
