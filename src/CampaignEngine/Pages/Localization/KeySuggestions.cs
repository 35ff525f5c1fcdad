namespace CampaignEngine.Pages.Localization;

/// <summary>The known keys closest to a mistyped one, for "did you mean" messages.</summary>
internal static class KeySuggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> known, int take = 3)
    {
        if (typed.Length is 0 or > 64) return [];
        var lower = typed.ToLowerInvariant();
        var limit = Math.Max(2, lower.Length / 3);
        return known
            .Select(key => (Key: key, Distance: Distance(lower, key)))
            // "button" is far from "vote_button" by edits but plainly meant it.
            .Where(c => c.Distance <= limit || (lower.Length >= 4 && c.Key.Contains(lower, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(take)
            .Select(c => c.Key)
            .ToList();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
