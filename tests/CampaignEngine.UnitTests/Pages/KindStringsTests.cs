using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;
using CampaignEngine.UnitTests.Kinds;

namespace CampaignEngine.UnitTests.Pages;

/// <summary>How a kind's strings are laid over the core's: overrides, kind's locale, core's locale, kind's English, core's English.</summary>
public sealed class KindStringsTests
{
    private static readonly PageStrings Strings = PageFixtures.Views.Strings;

    /// <summary>A kind with its own English and Polish for one core key, and a key of its own only in English.</summary>
    private static readonly StringsOnlyKind Contest = new("contest", KindStrings.Of(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = new Dictionary<string, string> { ["thanks_title"] = "Your entry is in!", ["share_heading"] = "Invite your friends to enter", ["enter_button"] = "Enter" },
        ["pl"] = new Dictionary<string, string> { ["thanks_title"] = "Twoje zgłoszenie jest przyjęte!" },
    }));

    [Fact]
    public void ThePollSpeaksOfVotingWhereTheCoreIsNeutral()
    {
        Assert.Equal(("Thank you for taking part!", "Thank you for voting!"), (Strings.For("en")["thanks_title"], Strings.ForKind("poll", "en")["thanks_title"]));
        Assert.Equal(("Dziękujemy za udział!", "Dziękujemy za Twój głos!"), (Strings.For("pl")["thanks_title"], Strings.ForKind("poll", "pl")["thanks_title"]));
        Assert.Equal("vote_button", Strings.For("en")["vote_button"]);
        Assert.Equal("Vote", Strings.ForKind("poll", "en")["vote_button"]);
    }

    [Fact]
    public void EachLayerWinsOverTheOnesBelowIt()
    {
        var strings = new PageStrings(() => [Contest]);
        var polish = strings.ForKind("contest", "pl");

        Assert.Equal("Twoje zgłoszenie jest przyjęte!", polish["thanks_title"]);          // the kind's Polish over the core's Polish
        Assert.Equal(Strings.For("pl")["share_heading"], polish["share_heading"]);         // the core's Polish over the kind's English
        Assert.Equal("Enter", polish["enter_button"]);                                     // the kind's English when no Polish has it
        Assert.Equal(Strings.For("pl")["receipt_label"], polish["receipt_label"]);         // the core's Polish for the rest
        Assert.Equal("Invite your friends to enter", strings.ForKind("contest", "en")["share_heading"]);  // the kind's English over the core's

        var branded = polish.WithOverrides(new Dictionary<string, string> { ["thanks_title"] = "Dzięki!", ["enter_button"] = "Zgłoś się" });
        Assert.Equal(("Dzięki!", "Zgłoś się"), (branded["thanks_title"], branded["enter_button"]));   // the campaign's overrides over everything
    }

    [Fact]
    public void AKindWithoutStringsAndAKindNobodyRegisteredReadTheCore()
    {
        var strings = new PageStrings(() => [new StringsOnlyKind("thumbs", KindStrings.None)]);

        Assert.Same(strings.For("pl"), strings.ForKind("thumbs", "pl"));
        Assert.Same(strings.For("pl"), strings.ForKind("raffle", "pl"));
        Assert.Same(strings.For("en"), strings.ForKind("thumbs", "it"));
        Assert.Equal("Thank you for taking part!", strings.ForKind("thumbs", "en")["thanks_title"]);
    }

    [Fact]
    public void TheTablesAreBuiltOnceAndACampaignWithoutOverridesSharesThem()
    {
        var asked = 0;
        var strings = new PageStrings(() => { asked++; return [Contest]; });

        strings.BuildKindTables();
        var first = strings.ForKind("contest", "pl");
        var campaign = PageFixtures.Poll(locale: "pl") with { Kind = "contest" };

        Assert.Same(first, strings.ForKind("contest", "pl"));
        Assert.Same(first, strings.For(campaign));
        Assert.Same(first, strings.For(campaign with { Texts = new Dictionary<string, string>() }));
        Assert.Equal(1, asked);
    }

    [Fact]
    public void EveryLocaleOfAKindHasItsKeys() =>
        Assert.All(Locales.Supported, locale => Assert.Equal("Enter", new PageStrings(() => [Contest]).ForKind("contest", locale)["enter_button"]));
}
