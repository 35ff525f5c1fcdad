using System.Globalization;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Pages.Localization;

/// <summary>One language of the fan pages: its strings, its writing direction and its number and date formats.</summary>
public sealed class PageLocale
{
    private readonly IReadOnlyDictionary<string, string> own;
    private readonly IReadOnlyDictionary<string, string>? overrides;
    private readonly TextKeys keys;
    private readonly LocaleFormat format;
    private readonly TimeZoneInfo zone = TimeZoneInfo.Utc;

    /// <param name="strings">This locale's strings (a kind's over the core's).</param>
    /// <param name="fallback">English, for any key the locale lacks (a kind's over the core's).</param>
    /// <param name="keys">The keys a campaign may override here.</param>
    internal PageLocale(string code, IReadOnlyDictionary<string, string> strings, IReadOnlyDictionary<string, string> fallback, TextKeys keys)
    {
        Code = code;
        own = strings;
        this.keys = keys;
        format = LocaleFormats.For(code);
        Culture = CultureInfo.GetCultureInfo(format.Culture);
        var merged = new Dictionary<string, string>(fallback);
        foreach (var (key, value) in strings) merged[key] = value;
        Strings = merged;
    }

    private PageLocale(PageLocale campaignLocale, IReadOnlyDictionary<string, string>? overrides, TimeZoneInfo zone)
    {
        Code = campaignLocale.Code;
        own = campaignLocale.own;
        keys = campaignLocale.keys;
        format = campaignLocale.format;
        Culture = campaignLocale.Culture;
        this.zone = zone;
        this.overrides = overrides ?? campaignLocale.overrides;
        Strings = overrides is null ? campaignLocale.Strings : new OverlayStrings(overrides, campaignLocale.Strings);
    }

    /// <summary>The time zone dates are shown in: the campaign's, UTC when it has none.</summary>
    public TimeZoneInfo Zone => zone;

    /// <summary>This locale showing dates in a campaign's time zone.</summary>
    public PageLocale InZone(TimeZoneInfo timeZone) => ReferenceEquals(timeZone, zone) ? this : new PageLocale(this, null, timeZone);

    public string Code { get; }
    public CultureInfo Culture { get; }
    public bool IsRightToLeft => Locales.IsRightToLeft(Code);
    public string Dir => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The Open Graph form of the locale, e.g. <c>pl_PL</c>.</summary>
    public string OpenGraphLocale => format.OpenGraph;

    /// <summary>
    /// Every string of the pages: the campaign's overrides, then this locale's (its kind's, then the core's), then
    /// English for any it lacks (its kind's, then the core's).
    /// </summary>
    public IReadOnlyDictionary<string, string> Strings { get; }

    /// <summary>Whether this locale's own files (the kind's or the core's) or the campaign's overrides have the key (no English fallback).</summary>
    public bool Has(string key) => own.ContainsKey(key) || overrides?.ContainsKey(key) == true;

    /// <summary>
    /// This locale with a campaign's text overrides on top. Only overrides <see cref="TextOverrides"/>
    /// accepts for this locale's kind are used, so a stale or unchecked one can never break a page. Costs a
    /// copy of the overrides, not of the string table.
    /// </summary>
    public PageLocale WithOverrides(IReadOnlyDictionary<string, string>? texts)
    {
        if (texts is null || texts.Count == 0) return this;
        var usable = new Dictionary<string, string>();
        foreach (var (key, value) in texts)
        {
            if (TextOverrides.IsUsable(key, value, Code, keys)) usable[key] = value;
        }
        return usable.Count == 0 ? this : new PageLocale(this, usable, zone);
    }

    /// <summary>The string for a key; English when this locale lacks it, the key itself when nobody has it.</summary>
    public string this[string key] => Strings.TryGetValue(key, out var value) ? value : key;

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    public string Number(long value) => Digits(value.ToString("N0", Culture));

    /// <summary>A score such as 8.25, with at most two decimals.</summary>
    public string Decimal(double value) => Digits(value.ToString("0.##", Culture));

    public string Percent(double percent) => Digits((percent / 100).ToString("P1", Culture));

    /// <summary>"12 votes" with the right plural form.</summary>
    public string Count(string baseKey, long n)
    {
        var key = $"{baseKey}_{PluralRules.Category(Code, n)}";
        return string.Format(Culture, Has(key) ? this[key] : this[baseKey + "_other"], Number(n));
    }

    /// <summary>A moment as a long date and a 24-hour time, in this locale's time zone (UTC unless a campaign set one).</summary>
    public string DateTime(DateTimeOffset at) => DateTime(at, zone);

    /// <summary>A moment as a long date and a 24-hour time in a campaign's time zone, with its UTC offset.</summary>
    public string DateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        // ICU's long Persian date puts the year first with a Latin comma; write it the way people do.
        var pattern = Code == "fa" ? "dddd d MMMM yyyy" : "D";
        var local = TimeZoneInfo.ConvertTime(at, zone);
        // The offset keeps ASCII digits: "UTC+2" then stays one left-to-right run inside RTL text.
        return Digits(CampaignTime.LocalDateTime(local, Culture, pattern)) + " " + CampaignTime.OffsetLabel(local.Offset);
    }

    /// <summary>Persian and Arabic pages show their own digits; .NET formats with ASCII digits everywhere.</summary>
    private string Digits(string text)
    {
        if (format.Zero == '0') return text;
        return string.Create(text.Length, (text, format.Zero), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = c is >= '0' and <= '9' ? (char)(state.Zero + (c - '0')) : c;
            }
        });
    }
}
