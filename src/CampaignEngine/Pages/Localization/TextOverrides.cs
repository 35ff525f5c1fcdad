using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// A campaign's own wording for page strings, keyed like <c>Pages/Strings/en.json</c> and its kind's
/// <c>Strings/en.json</c>: <c>{"thanks_title": "You're in!"}</c>, or a poll's <c>{"vote_button": "Count me in"}</c>.
/// Plural texts are overridden per CLDR category (<c>votes_one</c>, <c>votes_few</c> …). Which keys exist depends on
/// the campaign's kind: the core's and the kind's own. Apply them with <see cref="PageLocale.WithOverrides"/>.
/// </summary>
public static partial class TextOverrides
{
    public const string Field = "texts";
    public const int MaxOverrides = 100;
    public const int MaxLength = 500;

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// The keys a campaign of <paramref name="kind"/> (no kind: the core's keys alone) in this locale may override;
    /// with no locale, plural keys of every category.
    /// </summary>
    public static IReadOnlyList<string> KeysFor(string? locale, ICampaignKind? kind = null) => KeysFor(locale, KeysOf(kind));

    /// <summary>
    /// Errors keyed <c>texts</c> (too many) and <c>texts.{key}</c>; empty when every override is fine for a campaign
    /// of <paramref name="kind"/>. <paramref name="kinds"/>, when given, lets an unknown key name the kinds it belongs to.
    /// </summary>
    public static Dictionary<string, string[]> Validate(
        IReadOnlyDictionary<string, string>? overrides, string? locale = null, ICampaignKind? kind = null, IEnumerable<ICampaignKind>? kinds = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (overrides is null) return errors;
        if (overrides.Count > MaxOverrides) errors[Field] = [$"At most {MaxOverrides} texts can be overridden."];
        var keys = KeysOf(kind);
        foreach (var (key, value) in overrides)
        {
            var problems = IsKnown(key, locale, keys) ? Problems(key, value, keys) : [Unknown(key, locale, kind, keys, kinds)];
            if (problems.Count > 0) errors[$"{Field}.{key}"] = [.. problems];
        }
        return errors;
    }

    /// <summary>Whether a page may use an override: a known key with nothing wrong. Costs no suggestions.</summary>
    internal static bool IsUsable(string key, string? value, string locale, TextKeys keys) =>
        IsKnown(key, locale, keys) && Problems(key, value, keys).Count == 0;

    private static TextKeys KeysOf(ICampaignKind? kind) => kind?.Strings.Keys ?? TextKeys.Core;

    private static IReadOnlyList<string> KeysFor(string? locale, TextKeys keys) =>
        [.. keys.PlainKeys.Order(StringComparer.Ordinal), .. keys.PluralBases.Order(StringComparer.Ordinal).SelectMany(b => Categories(locale).Select(c => $"{b}_{c}"))];

    private static bool IsKnown(string key, string? locale, TextKeys keys) =>
        Plural(key) is { } p ? keys.PluralBases.Contains(p.Base) && Categories(locale).Contains(p.Category) : keys.PlainKeys.Contains(key);

    /// <summary>What is wrong with the value of a known key.</summary>
    private static List<string> Problems(string key, string? value, TextKeys keys)
    {
        if (string.IsNullOrWhiteSpace(value)) return ["Must not be empty."];
        var problems = new List<string>();
        if (value.Length > MaxLength) problems.Add($"At most {MaxLength} characters.");
        if (value.Any(char.IsControl)) problems.Add("Control characters (line breaks, tabs …) are not allowed.");

        var used = Placeholders(value);
        if (Plural(key) is not null)
        {
            // A plural form may leave the number out ("one vote"), but there is nothing else to insert.
            if (used.Any(p => p != "{0}")) problems.Add("The only placeholder here is {0}, the number.");
        }
        else
        {
            var expected = Placeholders(keys.English[key]);
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

    private static string Unknown(string key, string? locale, ICampaignKind? kind, TextKeys keys, IEnumerable<ICampaignKind>? kinds)
    {
        var plural = Plural(key);
        if (plural is { } p && keys.PluralBases.Contains(p.Base))
        {
            var forms = string.Join(", ", Categories(locale).Select(c => $"{p.Base}_{c}"));
            return $"'{locale}' has no '{p.Category}' plural form; override {forms}.";
        }
        var close = KeySuggestions.Closest(key, KeysFor(locale, keys));
        var message = close.Count == 0 ? "Unknown text key." : $"Unknown text key. Did you mean {string.Join(", ", close)}?";
        // A text of another kind ("vote_button" on a contest) is no typo: say whose it is.
        var owners = kind is null || kinds is null ? [] : kinds.Where(k => k.Name != kind.Name && IsKnown(key, locale, k.Strings.Keys)).Select(k => $"'{k.Name}'").ToList();
        return owners.Count == 0 ? message : $"{message} '{key}' is a text of {string.Join(", ", owners)} campaigns; this one is a '{kind!.Name}'.";
    }

    internal static (string Base, string Category)? Plural(string key)
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
