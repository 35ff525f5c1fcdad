using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.UnitTests.Pages;

public sealed partial class PageStringsTests
{
    private static readonly PageStrings Strings = new();

    public static TheoryData<string> Locales => new(CampaignEngine.Campaigns.Locales.Supported);

    [Theory]
    [MemberData(nameof(Locales))]
    public void EveryLocaleHasEveryEnglishKey(string locale)
    {
        var english = PageStrings.Load("en");
        var translated = PageStrings.Load(locale);

        Assert.Empty(english.Keys.Except(translated.Keys));
        Assert.All(translated, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Key));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void EveryLocaleHasThePluralFormsItsRulesAskFor(string locale)
    {
        var translated = PageStrings.Load(locale);
        var categories = Enumerable.Range(0, 1000).Select(n => PluralRules.Category(locale, n)).Distinct();

        Assert.All(categories, c => Assert.Contains($"votes_{c}", translated.Keys));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void PlaceholdersMatchTheEnglishOnes(string locale)
    {
        var english = PageStrings.Load("en");
        var translated = PageStrings.Load(locale);

        // Plural forms may leave the number out ("קול אחד"); everything else keeps its arguments.
        foreach (var (key, text) in english.Where(e => !e.Key.StartsWith("votes_", StringComparison.Ordinal)))
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(translated[key])), $"{locale}:{key}");
        }
    }

    [Fact]
    public void EveryFanMessageHasATitleAndText()
    {
        var english = PageStrings.Load("en");
        foreach (var message in Enum.GetValues<FanMessage>())
        {
            Assert.Contains($"message_{FanMessages.Key(message)}_title", english.Keys);
            Assert.Contains($"message_{FanMessages.Key(message)}_text", english.Keys);
        }
    }

    [Fact]
    public void EveryStringATemplateUsesExists()
    {
        var english = PageStrings.Load("en");
        var used = PageTemplates.Names.SelectMany(n => StringUse().Matches(PageTemplates.Source(n)).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(english.Keys));
    }

    [Theory]
    [InlineData("he", "rtl")]
    [InlineData("fa", "rtl")]
    [InlineData("en", "ltr")]
    [InlineData("lv", "ltr")]
    [InlineData("sl", "ltr")]
    [InlineData("pl", "ltr")]
    public void HebrewAndPersianAreRightToLeft(string locale, string dir) => Assert.Equal(dir, Strings.For(locale).Dir);

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("de-DE,de;q=0.9", "en")]
    [InlineData("he-IL,he;q=0.9,en;q=0.8", "he")]
    [InlineData("iw", "he")]
    [InlineData("de;q=0.9, pl;q=0.5, fa;q=0.7", "fa")]
    [InlineData("sl-SI", "sl")]
    [InlineData("LV", "lv")]
    [InlineData("pl;q=0, en;q=0.1", "en")]
    [InlineData("*", "en")]
    [InlineData("garbage;;;q=x", "en")]
    public void BrowserLanguageIsNegotiated(string? header, string expected) => Assert.Equal(expected, PageStrings.Negotiate(header));

    [Fact]
    public void UnknownLocalesFallBackToEnglish() => Assert.Equal("en", Strings.For("de").Code);

    [Theory]
    [InlineData("pl", 1, "1 głos")]
    [InlineData("pl", 3, "3 głosy")]
    [InlineData("pl", 5, "5 głosów")]
    [InlineData("pl", 12, "12 głosów")]
    [InlineData("pl", 22, "22 głosy")]
    [InlineData("sl", 1, "1 glas")]
    [InlineData("sl", 2, "2 glasova")]
    [InlineData("sl", 103, "103 glasovi")]
    [InlineData("sl", 5, "5 glasov")]
    [InlineData("lv", 21, "21 balss")]
    [InlineData("lv", 11, "11 balsu")]
    [InlineData("lv", 3, "3 balsis")]
    [InlineData("en", 1, "1 vote")]
    [InlineData("en", 1234, "1,234 votes")]
    [InlineData("he", 1, "קול אחד")]
    [InlineData("fa", 12, "۱۲ رأی")]
    public void VoteCountsUseTheLocalesPluralForms(string locale, long n, string expected) =>
        Assert.Equal(expected, Strings.For(locale).Count("votes", n));

    [Fact]
    public void DatesAreWrittenInTheLocaleInUtc()
    {
        var at = DateTimeOffset.Parse("2026-05-04T15:45:00+02:00");

        Assert.Equal("Monday, 4 May 2026 13:45 UTC", Strings.For("en").DateTime(at));
        Assert.Equal("poniedziałek, 4 maja 2026 13:45 UTC", Strings.For("pl").DateTime(at));
        Assert.Equal("دوشنبه ۱۴ اردیبهشت ۱۴۰۵ ۱۳:۴۵ UTC", Strings.For("fa").DateTime(at));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bt\.([a-z_]+)")]
    private static partial Regex StringUse();
}
