using System.Globalization;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.UnitTests.Pages;

public sealed class PageLocaleTests
{
    private static readonly PageStrings Strings = new();

    [Theory]
    [InlineData("en", "en_GB")]
    [InlineData("he", "he_IL")]
    [InlineData("fa", "fa_IR")]
    [InlineData("pl", "pl_PL")]
    [InlineData("ar", "ar_AR")]
    [InlineData("de", "de_DE")]
    [InlineData("es", "es_ES")]
    [InlineData("fr", "fr_FR")]
    public void OpenGraphNamesEachLocale(string locale, string openGraph) => Assert.Equal(openGraph, Strings.For(locale).OpenGraphLocale);

    [Fact]
    public void EverySupportedLocaleHasItsOwnFormats() =>
        Assert.All(Locales.Supported, locale => Assert.True(LocaleFormats.ByLocale.ContainsKey(locale), locale));

    [Theory]
    [MemberData(nameof(PageStringsTests.Locales), MemberType = typeof(PageStringsTests))]
    public void OnlyPersianPagesUseANonGregorianCalendar(string locale)
    {
        var culture = Strings.For(locale).Culture;
        // Arabic must not fall into ar-SA's Umm al-Qura calendar; only Persian has its own.
        Assert.IsType(locale == "fa" ? typeof(PersianCalendar) : typeof(GregorianCalendar), culture.Calendar);
    }

    [Fact]
    public void ArabicPagesUseArabicIndicDigitsAndSeparators()
    {
        var arabic = Strings.For("ar");

        Assert.Equal("١٬٢٣٤٬٥٦٧", arabic.Number(1_234_567));
        Assert.StartsWith("١٢٫٥٪", arabic.Percent(12.5));
        Assert.Equal("1,234,567", Strings.For("en").Number(1_234_567));
        Assert.Equal("1.234.567", Strings.For("de").Number(1_234_567));
    }

    [Fact]
    public void DatesInACampaignZoneCarryItsOffset()
    {
        var at = DateTimeOffset.Parse("2026-05-04T13:45:00Z");
        var warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        Assert.Equal("Monday, 4 May 2026 15:45 UTC+2", Strings.For("en").DateTime(at, warsaw));
        Assert.Equal("Montag, 4. Mai 2026 15:45 UTC+2", Strings.For("de").DateTime(at, warsaw));
        Assert.Equal("Monday, 4 May 2026 19:15 UTC+5:30", Strings.For("en").DateTime(at, kolkata));
        // Persian digits for the date and time, an ASCII offset that stays one left-to-right run.
        Assert.Equal("دوشنبه ۱۴ اردیبهشت ۱۴۰۵ ۱۵:۴۵ UTC+2", Strings.For("fa").DateTime(at, warsaw));
        Assert.Equal(Strings.For("en").DateTime(at), Strings.For("en").DateTime(at, TimeZoneInfo.Utc));
    }
}
