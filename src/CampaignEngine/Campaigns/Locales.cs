namespace CampaignEngine.Campaigns;

public static class Locales
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "he", "fa", "lv", "sl", "pl", "ar", "de", "es", "fr"];

    public static bool IsSupported(string? locale) => locale is not null && Supported.Contains(locale);

    public static bool IsRightToLeft(string locale) => locale is "he" or "fa" or "ar";
}
