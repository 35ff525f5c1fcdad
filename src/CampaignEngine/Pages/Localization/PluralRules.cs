namespace CampaignEngine.Pages.Localization;

/// <summary>
/// CLDR plural categories for whole numbers in the supported locales, so "1 glas", "2 glasova",
/// "3 glasovi", "5 glasov" come out right. Strings are keyed <c>{base}_{category}</c>.
/// </summary>
public static class PluralRules
{
    public static string Category(string locale, long n)
    {
        var mod10 = n % 10;
        var mod100 = n % 100;
        return locale switch
        {
            "en" => n == 1 ? "one" : "other",
            "he" => n switch { 1 => "one", 2 => "two", _ => "other" },
            "fa" => n is 0 or 1 ? "one" : "other",
            "lv" => mod10 == 0 || mod100 is >= 11 and <= 19 ? "zero"
                : mod10 == 1 && mod100 != 11 ? "one"
                : "other",
            "sl" => mod100 switch { 1 => "one", 2 => "two", 3 or 4 => "few", _ => "other" },
            "pl" => n == 1 ? "one"
                : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few"
                : "many",
            _ => "other",
        };
    }
}
