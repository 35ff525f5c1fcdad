using System.Collections.Frozen;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using Microsoft.Net.Http.Headers;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// The fan pages' strings, one embedded JSON file per locale (<c>Pages/Strings/{locale}.json</c>), with each kind's
/// own (<see cref="ICampaignKind.Strings"/>) laid over them: a campaign's page reads its text overrides, then its
/// kind's strings for its locale, the core's for its locale, its kind's English, the core's English. Every table is
/// built once, not per request. Picks the page language: the campaign's, else the browser's, else English.
/// </summary>
public sealed class PageStrings
{
    private const string Prefix = "CampaignEngine.Pages.Strings.";
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> coreFiles;
    private readonly Dictionary<string, PageLocale> core;
    private readonly Lazy<FrozenDictionary<string, IReadOnlyDictionary<string, PageLocale>>> byKind;

    /// <summary>The core's strings alone: for tests, and for an app without kinds.</summary>
    public PageStrings() : this(() => []) { }

    /// <param name="kinds">
    /// The registered kinds, asked for when their tables are built (<see cref="BuildKindTables"/>, at startup) rather
    /// than here: each kind renders its pages through <see cref="Views.FanPageViews"/>, which reads these strings, so
    /// asking for the kinds while this is constructed would make each wait on the other.
    /// </param>
    public PageStrings(Func<IEnumerable<ICampaignKind>> kinds)
    {
        coreFiles = Locales.Supported.ToDictionary(code => code, Load);
        var english = coreFiles[Locales.Default];
        core = Locales.Supported.ToDictionary(code => code, code => new PageLocale(code, coreFiles[code], english, TextKeys.Core));
        byKind = new(() => kinds().ToFrozenDictionary(kind => kind.Name, Layered, StringComparer.Ordinal));
    }

    public static IReadOnlyDictionary<string, string> Load(string locale) =>
        KindStrings.Read(typeof(PageStrings).Assembly, Prefix + locale + ".json")
            ?? throw new InvalidOperationException($"No strings for locale '{locale}'.");

    /// <summary>Builds every kind's tables now. The app calls this at startup, so no fan waits for it and a kind's broken file stops the start.</summary>
    public void BuildKindTables() => _ = byKind.Value;

    /// <summary>The core's strings in a locale (English for one not supported): for pages with no campaign, such as home and "not found".</summary>
    public PageLocale For(string? locale) => Pick(core, locale);

    /// <summary>A kind's strings over the core's in a locale; the core's alone for a kind that is not registered.</summary>
    public PageLocale ForKind(string? kind, string? locale) =>
        Pick(kind is not null && byKind.Value.TryGetValue(kind, out var layered) ? layered : core, locale);

    /// <summary>A campaign's strings: its kind's in its locale, with its text overrides on top (see <see cref="TextOverrides"/>).</summary>
    public PageLocale For(Campaign campaign) => ForKind(campaign.Kind, campaign.Locale).WithOverrides(campaign.Texts);

    /// <summary>The first supported language the browser asks for, by quality; English otherwise.</summary>
    public PageLocale ForRequest(HttpRequest request) => For(Negotiate(request.Headers.AcceptLanguage.ToString()));

    public static string Negotiate(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList([acceptLanguage], out var ranges))
        {
            return Locales.Default;
        }

        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var primary = range.Value.Value?.Split('-')[0].ToLowerInvariant();
            // "iw" is the language code Hebrew had before 1989; some systems still send it.
            if (primary == "iw") primary = "he";
            if (Locales.IsSupported(primary)) return primary!;
        }
        return Locales.Default;
    }

    private static PageLocale Pick(IReadOnlyDictionary<string, PageLocale> locales, string? locale) =>
        locale is not null && locales.TryGetValue(locale, out var found) ? found : locales[Locales.Default];

    /// <summary>A kind's tables: its file for each locale over the core's, its English over the core's as the fallback.</summary>
    private IReadOnlyDictionary<string, PageLocale> Layered(ICampaignKind kind)
    {
        var strings = kind.Strings;
        if (strings.IsEmpty) return core;
        var english = strings.Keys.English;
        return Locales.Supported.ToDictionary(code => code, code => new PageLocale(code, Over(coreFiles[code], strings.For(code)), english, strings.Keys));
    }

    private static Dictionary<string, string> Over(IReadOnlyDictionary<string, string> below, IReadOnlyDictionary<string, string> top)
    {
        var merged = new Dictionary<string, string>(below);
        foreach (var (key, value) in top) merged[key] = value;
        return merged;
    }
}
