namespace CampaignEngine.Branding;

/// <summary>One way the pages put the accent next to another colour; the pair must be readable.</summary>
public sealed record AccentUse(string Description, RgbColor Other);

/// <summary>How a brand accent fares: its worst contrast over every use, and the nearest shade that passes when it fails.</summary>
public sealed record AccentCheck(RgbColor Accent, double Ratio, AccentUse WorstUse, RgbColor? Suggestion)
{
    public bool Passes => Ratio >= Contrast.MinimumForText;
}

/// <summary>
/// Refuses brand accents that would make the fan pages hard to read. Pages/Templates/layout.scriban
/// paints buttons in the accent with white text, and writes links in the accent; every link sits in a
/// white card (<c>--card:#fff</c>). The grey page background (<c>--bg:#f3f5f8</c>) shows only around
/// the cards and carries no text, so it is not a pair. Both uses are text, so both need 4.5:1.
/// </summary>
public static class AccentColor
{
    public static readonly IReadOnlyList<AccentUse> Uses =
    [
        new("white button text on the accent", RgbColor.White),
        new("links in the accent on the white cards", RgbColor.White),
    ];

    public static AccentCheck Check(RgbColor accent)
    {
        var (ratio, worst) = Worst(accent);
        return new AccentCheck(accent, ratio, worst, ratio >= Contrast.MinimumForText ? null : NearestPassing(accent));
    }

    /// <summary>Null when the text is a usable accent, else a message for the marketer.</summary>
    public static string? Validate(string? text)
    {
        if (!RgbColor.TryParse(text, out var accent, out var error)) return error;
        var check = Check(accent);
        if (check.Passes) return null;
        var message = $"The accent {accent} has a contrast of {Contrast.Format(check.Ratio)} with {check.WorstUse.Description}; " +
            $"{Contrast.Format(Contrast.MinimumForText)} is needed.";
        if (check.Suggestion is not { } shade) return message;
        var direction = shade.RelativeLuminance < accent.RelativeLuminance ? "darker" : "lighter";
        return message + $" The nearest {direction} shade that passes is {shade} ({Contrast.Format(Worst(shade).Ratio)}).";
    }

    private static (double Ratio, AccentUse Use) Worst(RgbColor accent) =>
        Uses.Select(use => (Contrast.Ratio(accent, use.Other), use)).MinBy(pair => pair.Item1);

    /// <summary>
    /// Walks from the accent towards black and towards white in 255 steps (a step moves no channel by
    /// more than one level, so no shade is skipped) and keeps whichever passing shade is fewer steps
    /// away. Mixing with black or white keeps the hue.
    /// </summary>
    private static RgbColor? NearestPassing(RgbColor accent)
    {
        for (var step = 1; step <= 255; step++)
        {
            var darker = Mix(accent, RgbColor.Black, step);
            if (Worst(darker).Ratio >= Contrast.MinimumForText) return darker;
            var lighter = Mix(accent, RgbColor.White, step);
            if (Worst(lighter).Ratio >= Contrast.MinimumForText) return lighter;
        }
        return null;
    }

    private static RgbColor Mix(RgbColor from, RgbColor to, int step) =>
        new(Channel(from.R, to.R, step), Channel(from.G, to.G, step), Channel(from.B, to.B, step));

    private static byte Channel(byte from, byte to, int step) => (byte)Math.Round(from + (to - from) * step / 255.0);
}
