using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CampaignEngine.Pages.Localization;

/// <summary>
/// A campaign's text overrides laid over a locale's strings without copying the table: lookups try
/// the overrides first. Read-only. It is an <see cref="IDictionary{TKey,TValue}"/> as well because
/// Scriban reads <c>t.key</c> only from those; a bare IReadOnlyDictionary renders every key empty.
/// </summary>
internal sealed class OverlayStrings(IReadOnlyDictionary<string, string> top, IReadOnlyDictionary<string, string> below)
    : IReadOnlyDictionary<string, string>, IDictionary<string, string>
{
    private readonly int count = below.Count + top.Keys.Count(k => !below.ContainsKey(k));

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public int Count => count;

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<string> Values => this.Select(pair => pair.Value);

    public bool ContainsKey(string key) => top.ContainsKey(key) || below.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) =>
        top.TryGetValue(key, out value) || below.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var pair in top) yield return pair;
        foreach (var pair in below)
        {
            if (!top.ContainsKey(pair.Key)) yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    string IDictionary<string, string>.this[string key] { get => this[key]; set => throw ReadOnly(); }

    ICollection<string> IDictionary<string, string>.Keys => Keys.ToList();

    ICollection<string> IDictionary<string, string>.Values => Values.ToList();

    bool ICollection<KeyValuePair<string, string>>.IsReadOnly => true;

    bool ICollection<KeyValuePair<string, string>>.Contains(KeyValuePair<string, string> item) =>
        TryGetValue(item.Key, out var value) && value == item.Value;

    void ICollection<KeyValuePair<string, string>>.CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
    {
        foreach (var pair in this) array[arrayIndex++] = pair;
    }

    void IDictionary<string, string>.Add(string key, string value) => throw ReadOnly();

    bool IDictionary<string, string>.Remove(string key) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => throw ReadOnly();

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item) => throw ReadOnly();

    void ICollection<KeyValuePair<string, string>>.Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("Page strings are read-only.");
}
