using System.Reflection;
using System.Text.Json;
using CampaignEngine.Campaigns;
using Microsoft.Net.Http.Headers;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// The fan pages' strings, one embedded JSON file per locale (<c>Pages/Strings/{locale}.json</c>),
/// loaded once. Picks the page language: the campaign's, else the browser's, else English.
/// </summary>
public sealed class PageStrings
{
    private const string Prefix = "CampaignEngine.Pages.Strings.";
    private readonly Dictionary<string, PageLocale> locales;

    public PageStrings()
    {
        var english = Load(Locales.Default);
        locales = Locales.Supported.ToDictionary(code => code, code => new PageLocale(code, code == Locales.Default ? english : Load(code), english));
    }

    public static IReadOnlyDictionary<string, string> Load(string locale)
    {
        using var stream = typeof(PageStrings).Assembly.GetManifestResourceStream(Prefix + locale + ".json")
            ?? throw new InvalidOperationException($"No strings for locale '{locale}'.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Strings for '{locale}' are empty.");
    }

    public PageLocale For(string? locale) =>
        locale is not null && locales.TryGetValue(locale, out var found) ? found : locales[Locales.Default];

    /// <summary>A campaign's locale with its text overrides on top (see <see cref="TextOverrides"/>).</summary>
    public PageLocale For(string? locale, IReadOnlyDictionary<string, string>? texts) => For(locale).WithOverrides(texts);

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
}
