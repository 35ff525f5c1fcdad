using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.UnitTests.Kinds;

namespace CampaignEngine.UnitTests.Pages;

public sealed partial class PageStringsTests
{
    private static readonly PageStrings Strings = new();

    public static TheoryData<string> Locales => new(CampaignEngine.Campaigns.Locales.Supported);

    /// <summary>The strings files by locale: the core's, and each shipped kind's (by its name).</summary>
    private static readonly Dictionary<string, Func<string, IReadOnlyDictionary<string, string>>> Files =
        new[] { ("core", (Func<string, IReadOnlyDictionary<string, string>>)PageStrings.Load) }
            .Concat(TestKinds.All.All.Where(k => !k.Strings.IsEmpty).Select(k => (k.Name, (Func<string, IReadOnlyDictionary<string, string>>)k.Strings.For)))
            .ToDictionary(f => f.Item1, f => f.Item2);

    public static TheoryData<string, string> FilesAndLocales
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in Files.Keys)
            {
                foreach (var locale in CampaignEngine.Campaigns.Locales.Supported) data.Add(file, locale);
            }
            return data;
        }
    }

    public static TheoryData<string> KindFiles => new(Files.Keys.Where(f => f != "core"));

    [Fact]
    public void ThePollShipsItsOwnStrings() => Assert.Contains("poll", Files.Keys);

    [Theory]
    [MemberData(nameof(FilesAndLocales))]
    public void EveryLocaleHasEveryEnglishKey(string file, string locale)
    {
        var english = Files[file]("en");
        var translated = Files[file](locale);

        Assert.NotEmpty(translated);
        Assert.Empty(english.Keys.Except(translated.Keys));
        Assert.All(translated, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Key));
    }

    [Theory]
    [MemberData(nameof(FilesAndLocales))]
    public void EveryLocaleHasThePluralFormsItsRulesAskFor(string file, string locale)
    {
        var translated = Files[file](locale);
        var categories = PluralSamples.Select(n => PluralRules.Category(locale, n)).Distinct();

        foreach (var stem in PluralStems(Files[file]("en")))
        {
            Assert.All(categories, c => Assert.Contains($"{stem}_{c}", translated.Keys));
        }
    }

    [Fact]
    public void TheCountedTextsAreFoundInEachFile()
    {
        Assert.Equal(["days"], PluralStems(Files["core"]("en")));
        Assert.Equal(["votes"], PluralStems(Files["poll"]("en")));
    }

    [Theory]
    [MemberData(nameof(FilesAndLocales))]
    public void PlaceholdersMatchTheEnglishOnes(string file, string locale)
    {
        var english = Files[file]("en");
        var translated = Files[file](locale);
        var stems = PluralStems(english);

        // Plural forms may leave the number out ("קול אחד"); everything else keeps its arguments.
        foreach (var (key, text) in english.Where(e => !stems.Any(stem => e.Key.StartsWith(stem + "_", StringComparison.Ordinal))))
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(translated[key])), $"{file} {locale}:{key}");
        }
    }

    /// <summary>The shell formats its keys with its own arguments, whichever kind's wording it reads.</summary>
    [Theory]
    [MemberData(nameof(KindFiles))]
    public void AKindsWordingForACoreKeyKeepsItsPlaceholders(string kind)
    {
        var core = PageStrings.Load("en");
        var shared = Files[kind]("en").Where(s => core.ContainsKey(s.Key)).ToList();

        Assert.NotEmpty(shared);
        Assert.All(shared, s => Assert.True(Placeholders(s.Value).SetEquals(Placeholders(core[s.Key])), s.Key));
    }

    /// <summary>Words of voting and polls in each locale: the core's wording must fit a contest or a survey as well.</summary>
    [Theory]
    [InlineData("en", @"(?i)\bvot|\bpoll")]
    [InlineData("he", "הצבע|הצביע|סקר")]
    [InlineData("fa", "رأی|نظرسنجی")]
    [InlineData("lv", "(?i)balso|balss|balsi|aptauj")]
    [InlineData("sl", @"(?i)\bglas|anket")]
    [InlineData("pl", "(?i)głos|ankie")]
    [InlineData("ar", "تصويت|صوت|استطلاع")]
    [InlineData("de", "Stimme|(?i:abstimm|abgestimm|umfrage)")]
    [InlineData("es", @"(?i)\bvot|encuesta")]
    [InlineData("fr", @"(?i)\bvot(e|es|er|é|ez|ant)?\b|sondage")]
    public void TheCoresStringsSpeakOfNoKind(string locale, string kindWords)
    {
        // The home page may name what the engine runs ("polls and other campaigns").
        var shell = PageStrings.Load(locale).Where(s => !s.Key.StartsWith("home_", StringComparison.Ordinal));

        Assert.All(shell, s => Assert.False(Regex.IsMatch(s.Value, kindWords), $"{s.Key}: {s.Value}"));
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

    /// <summary>The shell's templates use the core's strings alone; a kind's templates may use its own too.</summary>
    [Fact]
    public void EveryStringATemplateUsesExists()
    {
        var core = PageStrings.Load("en").Keys.ToHashSet();
        var kindsByFolder = TestKinds.All.All.ToDictionary(k => k.GetType().Namespace!.Split('.')[^1], k => k);
        var used = PageTemplates.Names.ToDictionary(n => n, n => StringUse().Matches(PageTemplates.Source(n)).Select(m => m.Groups[1].Value).ToHashSet());

        Assert.NotEmpty(used.Values.SelectMany(u => u));
        foreach (var (name, keys) in used)
        {
            var known = kindsByFolder.TryGetValue(PageTemplates.FolderOf(name), out var kind) ? core.Union(kind.Strings.For("en").Keys) : core;
            Assert.True(keys.IsSubsetOf(known), $"{name}: {string.Join(", ", keys.Except(known))}");
        }
        Assert.Contains("vote_button", used["poll"]);
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
        Assert.Equal(expected, PageFixtures.Views.Strings.ForKind("poll", locale).Count("votes", n));

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

    /// <summary>The stems of the texts counted with CLDR plural forms ("90 days", "one vote"), from a file's English.</summary>
    private static List<string> PluralStems(IReadOnlyDictionary<string, string> english) =>
        english.Keys.Where(k => k.EndsWith("_other", StringComparison.Ordinal)).Select(k => k[..^"_other".Length]).Order(StringComparer.Ordinal).ToList();

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bt\.([a-z_]+)")]
    private static partial Regex StringUse();
}
