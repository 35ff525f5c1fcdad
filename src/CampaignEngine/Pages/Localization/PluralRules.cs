namespace CampaignEngine.Pages.Localization;

/// <summary>
/// CLDR plural categories for whole numbers in the supported locales, so "1 glas", "2 glasova",
/// "3 glasovi", "5 glasov" come out right. Strings are keyed <c>{base}_{category}</c>.
/// </summary>
public static class PluralRules
{
    /// <summary>Every CLDR category, in CLDR's order.</summary>
    public static readonly IReadOnlyList<string> AllCategories = ["zero", "one", "two", "few", "many", "other"];

    public static string Category(string locale, long n)
    {
        var mod10 = n % 10;
        var mod100 = n % 100;
        // CLDR's "many" for es and fr: a non-zero multiple of a million ("un millón de votos").
        var millions = n != 0 && n % 1_000_000 == 0;
        return locale switch
        {
            "en" or "de" => n == 1 ? "one" : "other",
            "he" => n switch { 1 => "one", 2 => "two", _ => "other" },
            "fa" => n is 0 or 1 ? "one" : "other",
            "lv" => mod10 == 0 || mod100 is >= 11 and <= 19 ? "zero"
                : mod10 == 1 && mod100 != 11 ? "one"
                : "other",
            "sl" => mod100 switch { 1 => "one", 2 => "two", 3 or 4 => "few", _ => "other" },
            "pl" => n == 1 ? "one"
                : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few"
                : "many",
            "ar" => n switch
            {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ => mod100 switch { >= 3 and <= 10 => "few", >= 11 and <= 99 => "many", _ => "other" },
            },
            "es" => n == 1 ? "one" : millions ? "many" : "other",
            "fr" => n is 0 or 1 ? "one" : millions ? "many" : "other",
            _ => "other",
        };
    }

    /// <summary>The categories <see cref="Category"/> can return for whole numbers in a locale.</summary>
    public static IReadOnlyList<string> Categories(string locale) => locale switch
    {
        "en" or "de" or "fa" => ["one", "other"],
        "he" => ["one", "two", "other"],
        "lv" => ["zero", "one", "other"],
        "sl" => ["one", "two", "few", "other"],
        // CLDR's "other" in Polish is for fractions only; whole numbers never reach it.
        "pl" => ["one", "few", "many"],
        "ar" => AllCategories,
        "es" or "fr" => ["one", "many", "other"],
        _ => ["other"],
    };
}
