using System.Text;

namespace CampaignEngine.Pages.Rendering;

/// <summary>
/// Encodes text for HTML element content and double- or single-quoted attribute values, so that a
/// browser parses it back to exactly the same characters (see <see cref="Expected"/> for the two
/// characters HTML itself cannot carry).
/// </summary>
public static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (!NeedsWork(text)) return text;

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                // A raw CR is normalised to LF by the parser; a reference keeps it.
                case '\r': builder.Append("&#13;"); break;
                // NUL is dropped or replaced by parsers: say so explicitly.
                case '\0': builder.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate cannot be written as UTF-8.
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// What a parser reads back from <see cref="Encode"/>: the text itself, except NUL and lone
    /// surrogates, which no HTML document can carry and which become U+FFFD.
    /// </summary>
    public static string Expected(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c is '&' or '<' or '>' or '"' or '\'' or '\r' or '\0' || char.IsSurrogate(c)) return true;
        }
        return false;
    }
}
