using System.Globalization;

namespace CampaignEngine.ShareCards;

/// <summary>Breaks text into shaped lines of a maximum width, at spaces where it can, and ends cut text with an ellipsis.</summary>
internal sealed class LineBreaker(TextDirection direction, float size, bool bold)
{
    public const string Ellipsis = "…";

    // Anything longer would be cut long before the last line anyway; this bounds the shaping work.
    private const int MaxTextElements = 400;

    private readonly Dictionary<string, ShapedLine> shaped = [];

    public ShapedLine Shape(string text) =>
        shaped.TryGetValue(text, out var line) ? line : shaped[text] = TextShaper.Shape(text, direction, size, bold);

    public IReadOnlyList<ShapedLine> Wrap(string text, float maxWidth, int maxLines)
    {
        text = TextShaper.Drawable(text);
        var elements = StringInfo.ParseCombiningCharacters(text);
        if (elements.Length > MaxTextElements) text = text[..elements[MaxTextElements]];

        var lines = new List<ShapedLine>();
        var start = 0;
        while (start < text.Length)
        {
            if (lines.Count == maxLines - 1)
            {
                var rest = text[start..];
                lines.Add(Shape(rest).Width <= maxWidth ? Shape(rest) : Ellipsize(rest, maxWidth));
                break;
            }
            var end = start + FittingPrefix(text[start..], maxWidth);
            lines.Add(Shape(text[start..end].TrimEnd()));
            start = end;
            while (start < text.Length && text[start] == ' ') start++;
        }
        return lines;
    }

    /// <summary>One line: the text if it fits, else as much as fits followed by an ellipsis.</summary>
    public ShapedLine Line(string text, float maxWidth)
    {
        var line = Wrap(text, maxWidth, 1);
        return line.Count == 0 ? Shape("") : line[0];
    }

    // The longest prefix that fits: up to a space if one does, else up to a character (at least one).
    private int FittingPrefix(string text, float maxWidth)
    {
        if (Shape(text).Width <= maxWidth) return text.Length;
        var spaces = Enumerable.Range(1, text.Length - 1).Where(i => text[i] == ' ').ToList();
        var atSpace = Longest(spaces, i => Shape(text[..i]).Width <= maxWidth);
        if (atSpace > 0) return atSpace;
        var boundaries = StringInfo.ParseCombiningCharacters(text).Skip(1).ToList();
        return Math.Max(Longest(boundaries, i => Shape(text[..i]).Width <= maxWidth), boundaries.Count > 0 ? boundaries[0] : text.Length);
    }

    private ShapedLine Ellipsize(string text, float maxWidth)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text).Skip(1).ToList();
        var cut = Longest(boundaries, i => Shape(text[..i].TrimEnd() + Ellipsis).Width <= maxWidth);
        var kept = text[..cut];
        // End at a word when that keeps most of the line; a single long word is cut where it must be.
        var space = kept.LastIndexOf(' ');
        if (space > kept.Length * 0.6) kept = kept[..space];
        return Shape(kept.TrimEnd() + Ellipsis);
    }

    /// <summary>The largest candidate (ascending) that passes, or 0; text width grows with length, so a binary search will do.</summary>
    private static int Longest(IReadOnlyList<int> candidates, Func<int, bool> fits)
    {
        int low = 0, high = candidates.Count - 1, best = 0;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (fits(candidates[middle]))
            {
                best = candidates[middle];
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return best;
    }
}
