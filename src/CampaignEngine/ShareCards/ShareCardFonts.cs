using System.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace CampaignEngine.ShareCards;

/// <summary>A typeface with its HarfBuzz shaper, loaded once.</summary>
/// <remarks>
/// The shaper is shared across threads: it is only ever called with a caller-owned buffer
/// (<see cref="SKShaper.Shape(HarfBuzzSharp.Buffer, float, float, SKFont)"/>), and a HarfBuzz font
/// that is no longer modified may be used for shaping concurrently.
/// </remarks>
internal sealed class FontFace(string name, SKTypeface typeface)
{
    public string Name { get; } = name;
    public SKTypeface Typeface { get; } = typeface;
    public SKShaper Shaper { get; } = new(typeface);

    private readonly SKFont probe = new(typeface);

    public bool Covers(Rune rune) => probe.GetGlyph(rune.Value) != 0;

    public override string ToString() => Name;
}

internal enum FontScript { Latin, Hebrew, Arabic }

/// <summary>
/// The embedded Noto fonts (SIL OFL, see Fonts/OFL.txt). System fonts are never used: the Linux
/// hosts this runs on have none, and the cards must look the same everywhere.
/// </summary>
internal static class ShareCardFonts
{
    private static readonly Lazy<FontFace[]> Faces = new(() =>
    [
        Load("NotoSans-Regular"), Load("NotoSans-Bold"),
        Load("NotoSansHebrew-Regular"), Load("NotoSansHebrew-Bold"),
        Load("NotoSansArabic-Regular"), Load("NotoSansArabic-Bold"),
    ]);

    public static FontFace For(FontScript script, bool bold) => Faces.Value[(int)script * 2 + (bold ? 1 : 0)];

    /// <summary>The script whose font a letter needs; null for characters that belong to no script (digits, spaces, punctuation).</summary>
    public static FontScript? ScriptOf(Rune rune) => rune.Value switch
    {
        >= 0x0590 and <= 0x05FF or >= 0xFB1D and <= 0xFB4F => FontScript.Hebrew,
        >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x0870 and <= 0x08FF
            or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF => FontScript.Arabic,
        _ when Rune.IsLetter(rune) => FontScript.Latin,
        _ => null,
    };

    private static FontFace Load(string name)
    {
        using var stream = typeof(ShareCardFonts).Assembly.GetManifestResourceStream($"ShareCards.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name} is not embedded.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        using var data = SKData.CreateCopy(bytes);
        var typeface = SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {name} does not load.");
        return new FontFace(name, typeface);
    }
}
