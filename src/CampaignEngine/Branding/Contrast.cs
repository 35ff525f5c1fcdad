using System.Globalization;

namespace CampaignEngine.Branding;

/// <summary>WCAG 2.x contrast between two colours, from 1:1 (same luminance) to 21:1 (black on white).</summary>
public static class Contrast
{
    /// <summary>WCAG 2.x AA for normal-size text (success criterion 1.4.3).</summary>
    public const double MinimumForText = 4.5;

    public static double Ratio(RgbColor a, RgbColor b)
    {
        var (la, lb) = (a.RelativeLuminance, b.RelativeLuminance);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>
    /// "4.48:1". Rounded to two decimals, except that a failing ratio is never shown as reaching what is
    /// needed: WCAG compares the unrounded value, so 4.499 fails and must not read "4.50:1".
    /// </summary>
    public static string Format(double ratio, double needed = MinimumForText)
    {
        var shown = Math.Round(ratio, 2);
        if (ratio < needed && shown >= needed) shown = Math.Floor(ratio * 100) / 100;
        return shown.ToString("0.##", CultureInfo.InvariantCulture) + ":1";
    }
}
