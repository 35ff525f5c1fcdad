using System.Collections.Frozen;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// The text keys a campaign may override, each with the English text whose placeholders an override must keep: the
/// core's, with a kind's own laid over them (<see cref="KindStrings"/>). Built once per kind.
/// </summary>
internal sealed class TextKeys
{
    public static TextKeys Core { get; } = new(PageStrings.Load(Locales.Default));

    private TextKeys(IReadOnlyDictionary<string, string> english)
    {
        English = english;
        PluralBases = english.Keys
            .Where(k => k.EndsWith("_other", StringComparison.Ordinal))
            .Select(k => k[..^"_other".Length])
            .ToFrozenSet();
        PlainKeys = english.Keys.Where(k => TextOverrides.Plural(k) is null).ToFrozenSet();
    }

    /// <summary>The core's keys with a kind's English strings over them.</summary>
    public static TextKeys With(IReadOnlyDictionary<string, string> kindEnglish)
    {
        var english = new Dictionary<string, string>(Core.English);
        foreach (var (key, text) in kindEnglish) english[key] = text;
        return new(english);
    }

    /// <summary>Every key's English text: a kind's where it has one, else the core's.</summary>
    public IReadOnlyDictionary<string, string> English { get; }

    /// <summary>Stems of the counted texts (<c>votes</c> for <c>votes_one</c>, <c>votes_other</c> …).</summary>
    public FrozenSet<string> PluralBases { get; }

    public FrozenSet<string> PlainKeys { get; }
}
