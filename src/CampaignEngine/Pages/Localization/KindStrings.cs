using System.Reflection;
using System.Text.Json;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// A kind's own page strings: one JSON file per locale in its folder (<c>Polls/Strings/en.json</c>), embedded and
/// loaded once. They hold the keys only the kind's pages use and the kind's wording for any of the core's (a poll
/// thanks fans "for voting"). A kind without strings (<see cref="None"/>) speaks with the core's neutral wording.
/// </summary>
public sealed class KindStrings
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byLocale;
    private readonly Lazy<TextKeys> keys;

    private KindStrings(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byLocale)
    {
        this.byLocale = byLocale;
        keys = new(() => TextKeys.With(For(Locales.Default)));
    }

    public static KindStrings None { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>
    /// The files in the <c>Strings/</c> folder beside <typeparamref name="TKind"/>, embedded as
    /// <c>{its namespace}.Strings.{locale}.json</c> (the project embeds <c>*/Strings/*.json</c>). English is required;
    /// a page in a locale without a file reads the core's strings in that locale, then the kind's English.
    /// </summary>
    public static KindStrings Embedded<TKind>()
    {
        var prefix = typeof(TKind).Namespace + ".Strings.";
        var byLocale = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var locale in Locales.Supported)
        {
            if (Read(typeof(TKind).Assembly, prefix + locale + ".json") is { } strings) byLocale[locale] = strings;
        }
        return byLocale.ContainsKey(Locales.Default)
            ? new(byLocale)
            : throw new InvalidOperationException($"{typeof(TKind).Name} has no embedded {prefix}{Locales.Default}.json.");
    }

    /// <summary>Strings given as they are, by locale (English required): for tests.</summary>
    internal static KindStrings Of(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byLocale) =>
        byLocale.ContainsKey(Locales.Default) ? new(byLocale) : throw new ArgumentException("English is required.", nameof(byLocale));

    public bool IsEmpty => byLocale.Count == 0;

    /// <summary>The kind's strings for a locale (its file alone, no fallback); empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> For(string locale) => byLocale.GetValueOrDefault(locale) ?? Empty;

    /// <summary>The keys a campaign of this kind may override: the core's and these.</summary>
    internal TextKeys Keys => IsEmpty ? TextKeys.Core : keys.Value;

    /// <summary>One strings file: a flat JSON object of key and text; null when the assembly has no such resource.</summary>
    internal static IReadOnlyDictionary<string, string>? Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource);
        if (stream is null) return null;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"{resource} is empty.");
    }
}
