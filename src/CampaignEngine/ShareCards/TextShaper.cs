using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace CampaignEngine.ShareCards;

/// <summary>Glyphs of one font and direction, positioned from the line's left edge.</summary>
internal sealed record ShapedRun(FontFace Face, float Size, ushort[] Glyphs, SKPoint[] Positions, bool RightToLeft)
{
    public SKFont CreateFont() => CreateFont(Face, Size);

    public static SKFont CreateFont(FontFace face, float size) =>
        new(face.Typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None };
}

/// <summary>One line, shaped: its runs in visual order (left to right) and its advance width.</summary>
internal sealed record ShapedLine(string Text, IReadOnlyList<ShapedRun> Runs, float Width)
{
    public IEnumerable<ushort> Glyphs => Runs.SelectMany(r => r.Glyphs);
}

/// <summary>
/// Shapes a line with HarfBuzz: bidi levels, then runs of one level and one font (the font of the
/// letters' script; digits, spaces and punctuation keep the font of the letters around them), each
/// shaped in its direction so Arabic and Persian join, and laid out left to right in visual order.
/// </summary>
internal static class TextShaper
{
    public static ShapedLine Shape(string text, TextDirection direction, float size, bool bold)
    {
        var runes = text.EnumerateRunes().ToList();
        var levels = Bidi.Levels(runes, direction);
        var faces = Faces(runes, bold);

        var logical = new List<(int Start, int End, int Level)>();
        for (var i = 0; i < runes.Count; i++)
        {
            var end = i + 1;
            while (end < runes.Count && levels[end] == levels[i] && faces[end] == faces[i]) end++;
            logical.Add((i, end, levels[i]));
            i = end - 1;
        }

        var runs = new List<ShapedRun>();
        var x = 0f;
        foreach (var (start, end, level) in Bidi.Reorder(logical, r => r.Level))
        {
            var face = faces[start];
            var rightToLeft = level % 2 == 1;
            using var font = ShapedRun.CreateFont(face, size);
            using var buffer = new Buffer();
            buffer.AddUtf16(string.Concat(runes.Skip(start).Take(end - start).Select(r => r.ToString())));
            buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
            buffer.GuessSegmentProperties(); // script and language from the text
            var shaped = face.Shaper.Shape(buffer, x, 0, font);
            runs.Add(new ShapedRun(face, size, shaped.Codepoints.Select(g => (ushort)g).ToArray(), shaped.Points, rightToLeft));
            x += shaped.Width;
        }
        return new ShapedLine(text, runs, x);
    }

    /// <summary>Removes characters that no embedded font draws (they would be empty boxes), and folds whitespace.</summary>
    public static string Drawable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else if (Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format || FaceFor(rune, null, false) is not null)
            {
                builder.Append(rune.ToString());
            }
        }
        return builder.ToString().Trim();
    }

    // Letters take their script's font; the rest (digits, spaces, punctuation) the font before them, so a run
    // is not split at every space and Arabic digits stay Arabic. At the start of a line, the next letter's font.
    private static FontFace[] Faces(List<Rune> runes, bool bold)
    {
        var faces = new FontFace[runes.Count];
        for (var i = 0; i < runes.Count; i++)
        {
            var own = ShareCardFonts.ScriptOf(runes[i]) is { } script ? ShareCardFonts.For(script, bold) : null;
            faces[i] = own is not null && own.Covers(runes[i])
                ? own
                : FaceFor(runes[i], i > 0 ? faces[i - 1] : NextScriptFace(runes, i, bold), bold) ?? ShareCardFonts.For(FontScript.Latin, bold);
        }
        return faces;
    }

    private static FontFace? NextScriptFace(List<Rune> runes, int from, bool bold)
    {
        for (var i = from; i < runes.Count; i++)
        {
            if (ShareCardFonts.ScriptOf(runes[i]) is { } script) return ShareCardFonts.For(script, bold);
        }
        return null;
    }

    // The preferred face if it has the glyph (or the character is invisible), else the first embedded face that does.
    private static FontFace? FaceFor(Rune rune, FontFace? preferred, bool bold)
    {
        if (preferred is not null && (preferred.Covers(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format)) return preferred;
        foreach (var script in new[] { FontScript.Latin, FontScript.Arabic, FontScript.Hebrew })
        {
            if (ShareCardFonts.For(script, bold).Covers(rune)) return ShareCardFonts.For(script, bold);
        }
        return null;
    }
}
