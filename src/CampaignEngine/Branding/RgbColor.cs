using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CampaignEngine.Branding;

/// <summary>An opaque sRGB colour as brands write it in CSS: <c>#rgb</c> or <c>#rrggbb</c>.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static readonly RgbColor Black = new(0, 0, 0);
    public static readonly RgbColor White = new(255, 255, 255);

    public static bool TryParse(string? text, out RgbColor color, [NotNullWhen(false)] out string? error)
    {
        color = default;
        error = Problem(text);
        if (error is not null) return false;
        var hex = text!.AsSpan(1);
        color = hex.Length == 3
            ? new RgbColor(Twice(hex[0]), Twice(hex[1]), Twice(hex[2]))
            : new RgbColor(Byte(hex[..2]), Byte(hex[2..4]), Byte(hex[4..]));
        return true;
    }

    public static RgbColor Parse(string text) => TryParse(text, out var color, out var error) ? color : throw new FormatException(error);

    /// <summary>WCAG 2.x relative luminance: 0 for black, 1 for white.</summary>
    public double RelativeLuminance => 0.2126 * Linear(R) + 0.7152 * Linear(G) + 0.0722 * Linear(B);

    /// <summary>Lower-case <c>#rrggbb</c>.</summary>
    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";

    private static string? Problem(string? text)
    {
        const string Form = "Use a colour written #rgb or #rrggbb, e.g. #1f4fd1.";
        if (string.IsNullOrEmpty(text)) return "Required. " + Form;
        if (text[0] != '#') return Form;
        var hex = text.AsSpan(1);
        if (!hex.ContainsAnyExcept(HexDigits))
        {
            if (hex.Length is 3 or 6) return null;
            if (hex.Length is 4 or 8) return "Transparent colours (#rgba, #rrggbbaa) are not allowed: the accent must be opaque. " + Form;
        }
        return Form;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static byte Twice(char digit) => (byte)(Convert.ToByte(digit.ToString(), 16) * 17);

    private static byte Byte(ReadOnlySpan<char> pair) => byte.Parse(pair, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // WCAG 2.2 uses sRGB's 0.04045 (2.0 printed 0.03928); no 8-bit value falls between the two.
    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
