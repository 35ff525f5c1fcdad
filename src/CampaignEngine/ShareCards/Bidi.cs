using System.Globalization;
using System.Text;

namespace CampaignEngine.ShareCards;

/// <summary>
/// Embedding levels for one line of text, after the Unicode bidirectional algorithm (UAX #9) in the
/// subset a card needs: one paragraph, no explicit embeddings or isolates; numbers and their
/// separators and terminators (W4–W7), neutrals (N1–N2) and implicit levels (I1–I2). HarfBuzz
/// then shapes each run in its direction (and mirrors brackets in RTL runs); <see cref="Reorder"/>
/// puts the runs in visual order (L2).
/// </summary>
internal static class Bidi
{
    private enum Kind { L, R, Number, Separator, Terminator, Neutral, Mark }

    public static int[] Levels(IReadOnlyList<Rune> runes, TextDirection direction)
    {
        var rtl = direction == TextDirection.Rtl;
        var kinds = runes.Select(Classify).ToArray();

        // W1: marks and invisible joiners take the kind of what they follow.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Mark) kinds[i] = i == 0 ? (rtl ? Kind.R : Kind.L) : kinds[i - 1];
        }
        // W4: one separator between two digits belongs to the number (1,000 · 3.5).
        for (var i = 1; i < kinds.Length - 1; i++)
        {
            if (kinds[i] == Kind.Separator && kinds[i - 1] == Kind.Number && kinds[i + 1] == Kind.Number) kinds[i] = Kind.Number;
        }
        // W5: terminators next to a number belong to it (50% · $5 · ٪۵۰).
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Terminator) continue;
            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Terminator) end++;
            var touches = (i > 0 && kinds[i - 1] == Kind.Number) || (end < kinds.Length && kinds[end] == Kind.Number);
            for (var j = i; j < end; j++) kinds[j] = touches ? Kind.Number : Kind.Neutral;
            i = end - 1;
        }
        // W6, W7: leftover separators are neutral; a number after L text (or at the start of an LTR line) is L.
        var strong = rtl ? Kind.R : Kind.L;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Separator) kinds[i] = Kind.Neutral;
            else if (kinds[i] is Kind.L or Kind.R) strong = kinds[i];
            else if (kinds[i] == Kind.Number && strong == Kind.L) kinds[i] = Kind.L;
        }
        // N1, N2: neutrals between two of the same direction (numbers count as R) take it, others the paragraph's.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Neutral) continue;
            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Neutral) end++;
            var before = i == 0 ? (rtl ? Kind.R : Kind.L) : AsStrong(kinds[i - 1]);
            var after = end == kinds.Length ? (rtl ? Kind.R : Kind.L) : AsStrong(kinds[end]);
            var resolved = before == after ? before : rtl ? Kind.R : Kind.L;
            for (var j = i; j < end; j++) kinds[j] = resolved;
            i = end - 1;
        }
        // I1, I2.
        return kinds.Select(k => rtl
            ? k == Kind.R ? 1 : 2
            : k == Kind.R ? 1 : k == Kind.Number ? 2 : 0).ToArray();
    }

    /// <summary>L2: from the highest level down to the lowest odd one, reverse every stretch at that level or above.</summary>
    public static List<T> Reorder<T>(IReadOnlyList<T> runs, Func<T, int> level)
    {
        var order = runs.ToList();
        if (order.Count == 0) return order;
        var highest = order.Max(level);
        var lowestOdd = order.Select(level).Where(l => l % 2 == 1).DefaultIfEmpty(highest + 1).Min();
        for (var threshold = highest; threshold >= lowestOdd; threshold--)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (level(order[i]) < threshold) continue;
                var end = i;
                while (end < order.Count && level(order[end]) >= threshold) end++;
                order.Reverse(i, end - i);
                i = end;
            }
        }
        return order;
    }

    private static Kind AsStrong(Kind kind) => kind == Kind.Number ? Kind.R : kind;

    private static Kind Classify(Rune rune)
    {
        switch (rune.Value)
        {
            case 0x200E: return Kind.L;                  // LEFT-TO-RIGHT MARK
            case 0x200F or 0x061C: return Kind.R;        // RIGHT-TO-LEFT MARK, ARABIC LETTER MARK
            case >= 0x0660 and <= 0x0669 or >= 0x06F0 and <= 0x06F9: return Kind.Number;
            case 0x066A or '%' or '#' or '$' or '+' or '°' or 0x2030 or 0x20AC or 0xA3 or 0xA5 or 0xA2: return Kind.Terminator;
            case ',' or '.' or ':' or '/' or 0x00A0 or 0x060C or 0x066B or 0x066C: return Kind.Separator;
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return Kind.Mark;
        if (Rune.IsDigit(rune)) return Kind.Number;
        return ShareCardFonts.ScriptOf(rune) switch
        {
            FontScript.Hebrew or FontScript.Arabic => Kind.R,
            FontScript.Latin => Kind.L,
            _ => Kind.Neutral,
        };
    }
}
