using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// A campaign's own wording for page strings, keyed like <c>Pages/Strings/en.json</c>:
/// <c>{"vote_button": "Count me in"}</c>. Plural texts are overridden per CLDR category
/// (<c>votes_one</c>, <c>votes_few</c> …). Apply them with <see cref="PageLocale.WithOverrides"/>.
/// </summary>
public static partial class TextOverrides
{
    public const string Field = "texts";
    public const int MaxOverrides = 100;
    public const int MaxLength = 500;

    private static readonly IReadOnlyDictionary<string, string> English = PageStrings.Load(Locales.Default);

    private static readonly HashSet<string> PluralBases = English.Keys
        .Where(k => k.EndsWith("_other", StringComparison.Ordinal))
        .Select(k => k[..^"_other".Length])
        .ToHashSet();

    private static readonly HashSet<string> PlainKeys = English.Keys.Where(k => Plural(k) is null).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>The keys a campaign in this locale may override; with no locale, plural keys of every category.</summary>
    public static IReadOnlyList<string> KeysFor(string? locale) =>
        [.. PlainKeys.Order(StringComparer.Ordinal), .. PluralBases.Order(StringComparer.Ordinal).SelectMany(b => Categories(locale).Select(c => $"{b}_{c}"))];

    /// <summary>Errors keyed <c>texts</c> (too many) and <c>texts.{key}</c>; empty when every override is fine.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyDictionary<string, string>? overrides, string? locale = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (overrides is null) return errors;
        if (overrides.Count > MaxOverrides) errors[Field] = [$"At most {MaxOverrides} texts can be overridden."];
        foreach (var (key, value) in overrides)
        {
            var problems = Problems(key, value, locale);
            if (problems.Count > 0) errors[$"{Field}.{key}"] = [.. problems];
        }
        return errors;
    }

    /// <summary>What is wrong with one override. Without <paramref name="explainUnknown"/> an unknown key costs no suggestions.</summary>
    internal static List<string> Problems(string key, string? value, string? locale, bool explainUnknown = true)
    {
        var plural = Plural(key);
        var known = plural is { } p
            ? PluralBases.Contains(p.Base) && Categories(locale).Contains(p.Category)
            : PlainKeys.Contains(key);
        if (!known)
            return [explainUnknown ? Unknown(key, plural, locale) : "Unknown text key."];

        if (string.IsNullOrWhiteSpace(value)) return ["Must not be empty."];
        var problems = new List<string>();
        if (value.Length > MaxLength) problems.Add($"At most {MaxLength} characters.");
        if (value.Any(char.IsControl)) problems.Add("Control characters (line breaks, tabs …) are not allowed.");

        var used = Placeholders(value);
        if (plural is not null)
        {
            // A plural form may leave the number out ("one vote"), but there is nothing else to insert.
            if (used.Any(p => p != "{0}")) problems.Add("The only placeholder here is {0}, the number.");
        }
        else
        {
            var expected = Placeholders(English[key]);
            if (!used.SetEquals(expected))
                problems.Add(expected.Count == 0
                    ? "This text has no placeholders; remove " + string.Join(" ", used.Order(StringComparer.Ordinal)) + "."
                    : "Use exactly the placeholders of the original: " + string.Join(" ", expected.Order(StringComparer.Ordinal)) + ".");
        }
        // A lone brace would make string.Format throw when the page is rendered.
        if (Placeholder().Replace(value, "").AsSpan().IndexOfAny('{', '}') >= 0)
            problems.Add("Curly braces are only allowed in placeholders such as {0}.");
        return problems;
    }

    private static string Unknown(string key, (string Base, string Category)? plural, string? locale)
    {
        if (plural is { } p && PluralBases.Contains(p.Base))
        {
            var forms = string.Join(", ", Categories(locale).Select(c => $"{p.Base}_{c}"));
            return $"'{locale}' has no '{p.Category}' plural form; override {forms}.";
        }
        var close = KeySuggestions.Closest(key, KeysFor(locale));
        return close.Count == 0 ? "Unknown text key." : $"Unknown text key. Did you mean {string.Join(", ", close)}?";
    }

    private static (string Base, string Category)? Plural(string key)
    {
        var underscore = key.LastIndexOf('_');
        if (underscore <= 0) return null;
        var category = key[(underscore + 1)..];
        return PluralRules.AllCategories.Contains(category) ? (key[..underscore], category) : null;
    }

    private static IReadOnlyList<string> Categories(string? locale) =>
        locale is null ? PluralRules.AllCategories : PluralRules.Categories(locale);

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();
}
