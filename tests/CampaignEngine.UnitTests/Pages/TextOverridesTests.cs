using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.UnitTests.Kinds;
using CsCheck;

namespace CampaignEngine.UnitTests.Pages;

public sealed class TextOverridesTests
{
    private static readonly ICampaignKind PollKind = TestKinds.All.Get("poll");

    /// <summary>An override on a poll, whose keys are the core's and the poll's.</summary>
    private static Dictionary<string, string[]> Validate(string key, string value, string? locale = null) =>
        TextOverrides.Validate(new Dictionary<string, string> { [key] = value }, locale, PollKind);

    private static string Only(Dictionary<string, string[]> errors, string key) => Assert.Single(Assert.Contains(key, errors));

    [Fact]
    public void NoOverridesAndGoodOverridesAreFine()
    {
        Assert.Empty(TextOverrides.Validate(null, "en", PollKind));
        Assert.Empty(TextOverrides.Validate(new Dictionary<string, string>
        {
            ["vote_button"] = "Count me in",
            ["share_text"] = "Help us pick: {0}",
            ["total_votes"] = "{0} fans have spoken",
            ["votes_one"] = "one fan",
            ["votes_other"] = "{0} fans",
        }, "en", PollKind));
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
        Gen.Select(Gen.OneOf(TextOverrides.KeysFor("en", PollKind).ToArray()), Gen.String[Gen.Char["ab {}01\n"], 1, 12])
            .Sample((key, value) =>
            {
                var texts = new Dictionary<string, string> { [key] = value };
                if (TextOverrides.Validate(texts, "en", PollKind).Count > 0) return;
                var locale = PageFixtures.Views.Strings.ForKind("poll", "en").WithOverrides(texts);
                Assert.Equal(value, locale.Strings[key]);
                _ = locale.Format(key, "x");
                _ = locale.Count("votes", 7);
            });

    [Fact]
    public void WhichKeysExistDependsOnTheKind()
    {
        var vote = new Dictionary<string, string> { ["vote_button"] = "Count me in" };
        var thanks = new Dictionary<string, string> { ["thanks_title"] = "You're in!" };
        var thumbs = new StringsOnlyKind("thumbs", KindStrings.None);

        Assert.Empty(TextOverrides.Validate(vote, "en", PollKind));
        Assert.Empty(TextOverrides.Validate(thanks, "en", thumbs));
        Assert.Contains("vote_button", TextOverrides.KeysFor("en", PollKind));
        Assert.DoesNotContain("vote_button", TextOverrides.KeysFor("en", thumbs));
        Assert.DoesNotContain("votes_one", TextOverrides.KeysFor("en", thumbs));
        Assert.Contains("days_one", TextOverrides.KeysFor("en", thumbs));

        var refused = Only(TextOverrides.Validate(vote, "en", thumbs, [PollKind, thumbs]), "texts.vote_button");
        Assert.StartsWith("Unknown text key.", refused);
        Assert.Contains("'vote_button' is a text of 'poll' campaigns; this one is a 'thumbs'.", refused);
        Assert.Equal("Unknown text key.", Only(TextOverrides.Validate(vote, "en"), "texts.vote_button"));
    }

    [Fact]
    public void AKindsOwnKeyKeepsItsOwnPlaceholders()
    {
        Assert.Contains("placeholder", Only(Validate("you_voted_for", "You voted"), "texts.you_voted_for"));
        Assert.Empty(Validate("you_voted_for", "You picked {0}"));
        // The poll's wording of a core key is checked against the same placeholders as the core's.
        Assert.Empty(Validate("share_text", "Vote now: {0}"));
    }

    [Fact]
    public void ATypoOfAKindsKeyIsSuggestedThatKey() =>
        Assert.Contains("no_votes_yet", Only(Validate("no_vote_yet", "Be the first"), "texts.no_vote_yet"));
}
