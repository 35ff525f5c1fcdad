using System.Text.RegularExpressions;

namespace CampaignEngine.Kinds;

/// <summary>
/// Ids a marketer gives the items of a kind's settings (a poll's options, a contest's jury criteria): 1 to 32
/// characters a-z, 0-9 and inner hyphens, safe in row keys, counter names and URLs.
/// </summary>
public static partial class ItemIds
{
    public const string PatternText = "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$";

    public const string Rule = "Use 1 to 32 characters: a-z, 0-9 and inner hyphens.";

    [GeneratedRegex(PatternText)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
