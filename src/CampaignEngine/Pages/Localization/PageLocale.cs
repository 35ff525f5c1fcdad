using System.Globalization;
using System.Text;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Pages.Localization;

/// <summary>One language of the fan pages: its strings, its writing direction and its number and date formats.</summary>
public sealed class PageLocale
{
    private readonly IReadOnlyDictionary<string, string> strings;

    internal PageLocale(string code, IReadOnlyDictionary<string, string> strings, IReadOnlyDictionary<string, string> fallback)
    {
        Code = code;
        this.strings = strings;
        var merged = new Dictionary<string, string>(fallback);
        foreach (var (key, value) in strings) merged[key] = value;
        Strings = merged;
        Culture = CultureInfo.GetCultureInfo(code switch
        {
            "en" => "en-GB",
            "he" => "he-IL",
            "fa" => "fa-IR",
            "lv" => "lv-LV",
            "sl" => "sl-SI",
            "pl" => "pl-PL",
            _ => code,
        });
    }

    public string Code { get; }
    public CultureInfo Culture { get; }
    public bool IsRightToLeft => Locales.IsRightToLeft(Code);
    public string Dir => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The Open Graph form of the locale, e.g. <c>pl_PL</c>.</summary>
    public string OpenGraphLocale => Culture.Name.Replace('-', '_');

    /// <summary>Every string of the pages: this locale's, with English for any it lacks.</summary>
    public IReadOnlyDictionary<string, string> Strings { get; }

    /// <summary>Whether this locale's own file has the key (no English fallback).</summary>
    public bool Has(string key) => strings.ContainsKey(key);

    /// <summary>The string for a key; English when this locale lacks it, the key itself when nobody has it.</summary>
    public string this[string key] => Strings.TryGetValue(key, out var value) ? value : key;

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    public string Number(long value) => Digits(value.ToString("N0", Culture));

    public string Percent(double percent) => Digits((percent / 100).ToString("P1", Culture));

    /// <summary>"12 votes" with the right plural form.</summary>
    public string Count(string baseKey, long n)
    {
        var key = $"{baseKey}_{PluralRules.Category(Code, n)}";
        return string.Format(Culture, Has(key) ? this[key] : this[baseKey + "_other"], Number(n));
    }

    /// <summary>A moment as a long date and a 24-hour time, in UTC (campaigns carry no time zone).</summary>
    public string DateTime(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        // ICU's long Persian date puts the year first with a Latin comma; write it the way people do.
        var date = Code == "fa" ? utc.ToString("dddd d MMMM yyyy", Culture) : utc.ToString("D", Culture);
        var text = date + " " + utc.ToString("HH:mm", Culture) + " UTC";
        return Digits(text);
    }

    /// <summary>Persian pages show Persian digits; .NET formats with ASCII digits everywhere.</summary>
    private string Digits(string text)
    {
        if (Code != "fa") return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= '0' and <= '9' ? (char)('\u06F0' + (c - '0')) : c);
        }
        return builder.ToString();
    }
}
