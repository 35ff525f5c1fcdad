namespace CampaignEngine.Pages.Localization;

/// <summary>How a page language formats numbers and dates, and how it names itself to Open Graph.</summary>
/// <param name="Culture">The .NET culture for numbers, dates and month names.</param>
/// <param name="OpenGraph">The <c>og:locale</c> value, e.g. <c>pl_PL</c>.</param>
/// <param name="Zero">The locale's digit zero; .NET always formats with ASCII digits.</param>
internal sealed record LocaleFormat(string Culture, string OpenGraph, char Zero = '0');

internal static class LocaleFormats
{
    public static readonly IReadOnlyDictionary<string, LocaleFormat> ByLocale = new Dictionary<string, LocaleFormat>
    {
        ["en"] = new("en-GB", "en_GB"),
        ["he"] = new("he-IL", "he_IL"),
        ["fa"] = new("fa-IR", "fa_IR", '\u06F0'),
        ["lv"] = new("lv-LV", "lv_LV"),
        ["sl"] = new("sl-SI", "sl_SI"),
        ["pl"] = new("pl-PL", "pl_PL"),
        // Plain "ar" keeps the Gregorian calendar (ar-SA would switch to Umm al-Qura) and its separators
        // (٬ ٫ ٪) go with Arabic-Indic digits, CLDR's default for Arabic. Facebook names Arabic ar_AR.
        ["ar"] = new("ar", "ar_AR", '\u0660'),
        ["de"] = new("de-DE", "de_DE"),
        ["es"] = new("es-ES", "es_ES"),
        ["fr"] = new("fr-FR", "fr_FR"),
    };

    public static LocaleFormat For(string locale) =>
        ByLocale.TryGetValue(locale, out var format) ? format : new(locale, locale.Replace('-', '_'));
}
