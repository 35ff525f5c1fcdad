using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignEngine.Campaigns;

/// <summary>Campaign slugs: 3..64 characters of a-z, 0-9 and inner hyphens. Safe in URLs and table keys.</summary>
public static partial class Slug
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    /// <summary>Runs of a-z0-9 joined by single hyphens; the OpenAPI document shows the same pattern.</summary>
    public const string PatternText = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    [GeneratedRegex(PatternText)]
    private static partial Regex Pattern();

    // .NET's '$' also matches before a final newline, so "abc\n" would pass the pattern alone.
    public static bool IsValid(string? slug) =>
        slug is { Length: >= MinLength and <= MaxLength } && slug[^1] != '\n' && Pattern().IsMatch(slug);

    /// <summary>
    /// Derives a slug from a title: accents folded, everything else outside a-z0-9 turned into
    /// single hyphens. Titles with no Latin letters (Hebrew, Persian) yield null; the caller
    /// then picks a random one.
    /// </summary>
    public static string? FromTitle(string title)
    {
        var folded = title.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c) switch { 'ł' => 'l', 'ø' => 'o', 'đ' => 'd', 'ß' => 's', var x => x };
            builder.Append(char.IsAsciiLetterOrDigit(lower) ? lower : '-');
        }

        var slug = Regex.Replace(builder.ToString(), "-+", "-").Trim('-');
        if (slug.Length > MaxLength - 7)
        {
            slug = slug[..(MaxLength - 7)].TrimEnd('-');
        }
        return slug.Length >= MinLength ? slug : null;
    }

    /// <summary>A short random suffix for generated slugs that collide.</summary>
    public static string WithSuffix(string baseSlug, string suffix) => $"{baseSlug}-{suffix}";
}
