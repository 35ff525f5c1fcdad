using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.UnitTests.Pages;

public sealed partial class PageStringsTests
{
    private static readonly PageStrings Strings = new();

    /// <summary>The strings counted with CLDR plural forms ("90 days", "one vote").</summary>
    private static readonly string[] PluralStems = ["votes", "days"];

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
        var categories = PluralSamples.Select(n => PluralRules.Category(locale, n)).Distinct();

        foreach (var stem in PluralStems)
        {
            Assert.All(categories, c => Assert.Contains($"{stem}_{c}", translated.Keys));
        }
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void PlaceholdersMatchTheEnglishOnes(string locale)
    {
        var english = PageStrings.Load("en");
        var translated = PageStrings.Load(locale);

        // Plural forms may leave the number out ("קול אחד"); everything else keeps its arguments.
        foreach (var (key, text) in english.Where(e => !PluralStems.Any(stem => e.Key.StartsWith(stem + "_", StringComparison.Ordinal))))
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
    [InlineData("ar", "rtl")]
    [InlineData("en", "ltr")]
    [InlineData("lv", "ltr")]
    [InlineData("sl", "ltr")]
    [InlineData("pl", "ltr")]
    [InlineData("de", "ltr")]
    [InlineData("es", "ltr")]
    [InlineData("fr", "ltr")]
    public void HebrewPersianAndArabicAreRightToLeft(string locale, string dir) => Assert.Equal(dir, Strings.For(locale).Dir);

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("it-IT,it;q=0.9", "en")]
    [InlineData("de-DE,de;q=0.9", "de")]
    [InlineData("he-IL,he;q=0.9,en;q=0.8", "he")]
    [InlineData("iw", "he")]
    [InlineData("it;q=0.9, pl;q=0.5, fa;q=0.7", "fa")]
    [InlineData("de;q=0.9, pl;q=0.5, fa;q=0.7", "de")]
    [InlineData("ar-EG,ar;q=0.9,en;q=0.5", "ar")]
    [InlineData("es-419", "es")]
    [InlineData("fr-CA,en;q=0.9", "fr")]
    [InlineData("sl-SI", "sl")]
    [InlineData("LV", "lv")]
    [InlineData("pl;q=0, en;q=0.1", "en")]
    [InlineData("*", "en")]
    [InlineData("garbage;;;q=x", "en")]
    public void BrowserLanguageIsNegotiated(string? header, string expected) => Assert.Equal(expected, PageStrings.Negotiate(header));

    [Fact]
    public void UnknownLocalesFallBackToEnglish() => Assert.Equal("en", Strings.For("it").Code);

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
    [InlineData("ar", 0, "لا أصوات")]
    [InlineData("ar", 1, "صوت واحد")]
    [InlineData("ar", 2, "صوتان")]
    [InlineData("ar", 3, "٣ أصوات")]
    [InlineData("ar", 11, "١١ صوتًا")]
    [InlineData("ar", 100, "١٠٠ صوت")]
    [InlineData("ar", 103, "١٠٣ أصوات")]
    [InlineData("ar", 1234, "١٬٢٣٤ صوتًا")]
    [InlineData("de", 1, "1 Stimme")]
    [InlineData("de", 1234, "1.234 Stimmen")]
    [InlineData("es", 1, "1 voto")]
    [InlineData("es", 0, "0 votos")]
    [InlineData("es", 1_000_000, "1.000.000 de votos")]
    [InlineData("es", 1_000_001, "1.000.001 votos")]
    [InlineData("fr", 0, "0 vote")]
    [InlineData("fr", 1, "1 vote")]
    [InlineData("fr", 2, "2 votes")]
    [InlineData("fr", 2_000_000, "2\u202F000\u202F000 de votes")]
    public void VoteCountsUseTheLocalesPluralForms(string locale, long n, string expected) =>
        Assert.Equal(expected, Strings.For(locale).Count("votes", n));

    [Fact]
    public void DatesAreWrittenInTheLocaleInUtc()
    {
        var at = DateTimeOffset.Parse("2026-05-04T15:45:00+02:00");

        Assert.Equal("Monday, 4 May 2026 13:45 UTC", Strings.For("en").DateTime(at));
        Assert.Equal("poniedziałek, 4 maja 2026 13:45 UTC", Strings.For("pl").DateTime(at));
        Assert.Equal("دوشنبه ۱۴ اردیبهشت ۱۴۰۵ ۱۳:۴۵ UTC", Strings.For("fa").DateTime(at));
        Assert.Equal("الاثنين، ٤ مايو ٢٠٢٦ ١٣:٤٥ UTC", Strings.For("ar").DateTime(at));
        Assert.Equal("Montag, 4. Mai 2026 13:45 UTC", Strings.For("de").DateTime(at));
        Assert.Equal("lunes, 4 de mayo de 2026 13:45 UTC", Strings.For("es").DateTime(at));
        Assert.Equal("lundi 4 mai 2026 13:45 UTC", Strings.For("fr").DateTime(at));
    }

    /// <summary>Whole numbers that reach every category: 0 to 1000, and millions for the "many" of es and fr.</summary>
    private static IEnumerable<long> PluralSamples =>
        Enumerable.Range(0, 1001).Select(n => (long)n).Concat([1_000_000, 1_000_001, 2_000_000, 10_000_000, 1_000_000_000]);

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bt\.([a-z_]+)")]
    private static partial Regex StringUse();
}
