using System.Globalization;
using SkiaSharp;

namespace CampaignEngine.ShareCards;

/// <summary>A shaped line at its place: <see cref="X"/> is its left edge, <see cref="Baseline"/> its baseline.</summary>
internal sealed record PlacedLine(ShapedLine Line, float X, float Baseline, SKColor Color);

/// <summary>Where everything on a card goes. Mirrored for RTL: the text column, logo, alignment and bar origins flip.</summary>
internal sealed class ShareCardLayout
{
    public const int Width = 1200;
    public const int Height = 630;
    public const int Margin = 64;
    public const int StripHeight = 12;
    public const int CoverWidth = 440;
    public const int MaxStandings = 5;
    private const float BottomRowHeight = 56;
    private const float LogoMaxWidth = 220;

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor TitleColor = new(0x11, 0x18, 0x27);
    public static readonly SKColor BodyColor = new(0x37, 0x41, 0x51);
    public static readonly SKColor MutedColor = new(0x6b, 0x72, 0x80);

    private readonly bool rtl;

    private ShareCardLayout(ShareCardContent content)
    {
        rtl = content.Direction == TextDirection.Rtl;
        Accent = ParseAccent(content.AccentColor);
        Strip = new SKRect(0, Height - StripHeight, Width, Height);
        if (!content.Cover.IsEmpty) Cover = rtl ? new SKRect(0, 0, CoverWidth, Strip.Top) : new SKRect(Width - CoverWidth, 0, Width, Strip.Top);
        var left = Margin + (Cover is { } c && rtl ? c.Right : 0);
        var right = (Cover is { } d && !rtl ? d.Left : Width) - Margin;
        Column = new SKRect(left, Margin, right, Strip.Top - 28 - BottomRowHeight - 28);
        BottomRow = new SKRect(left, Strip.Top - 28 - BottomRowHeight, right, Strip.Top - 28);
        if (!content.Logo.IsEmpty) Logo = rtl ? new SKRect(right - LogoMaxWidth, BottomRow.Top, right, BottomRow.Bottom) : new SKRect(left, BottomRow.Top, left + LogoMaxWidth, BottomRow.Bottom);

        PlaceFooter(content.Footer);
        if (content.Standings.Count > 0) PlaceResults(content);
        else PlaceTitle(content);
    }

    public SKColor Accent { get; }
    public SKRect Strip { get; }
    public SKRect? Cover { get; }
    public SKRect? Logo { get; }

    /// <summary>The title, subtitle and standings go here; nothing is drawn outside it but the bottom row, the cover and the strip.</summary>
    public SKRect Column { get; }

    public SKRect BottomRow { get; }
    public List<PlacedLine> Title { get; } = [];
    public List<PlacedLine> Lines { get; } = [];
    public List<(SKRect Track, SKRect Fill)> Bars { get; } = [];

    public static ShareCardLayout For(ShareCardContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ShareCardLayout(content);
    }

    private void PlaceTitle(ShareCardContent content)
    {
        var title = new LineBreaker(content.Direction, 64, bold: true).Wrap(content.Title, Column.Width, 3);
        var subtitle = Subtitle(content, 32);
        var height = title.Count * LineHeight(64) + (subtitle is null ? 0 : 20 + LineHeight(32));
        var top = Column.Top + Math.Max(0, (Column.Height - height) / 2); // short titles sit in the middle
        top = PlaceLines(title, top, 64, TitleColor, Title);
        if (subtitle is not null) PlaceLines([subtitle], top + 20, 32, BodyColor, Lines);
    }

    private void PlaceResults(ShareCardContent content)
    {
        const float labelSize = 24, rowGap = 12, barHeight = 12, barGap = 4;
        var rowHeight = LineHeight(labelSize) + barGap + barHeight + rowGap;
        var title = new LineBreaker(content.Direction, 44, bold: true).Wrap(content.Title, Column.Width, 2);
        var subtitle = Subtitle(content, 26);
        var titleHeight = title.Count * LineHeight(44);
        var subtitleHeight = subtitle is null ? 0 : 12 + LineHeight(26);
        // The subtitle gives way to rows, and rows to the space there is.
        var rows = Math.Min(content.Standings.Count, MaxStandings);
        if (titleHeight + subtitleHeight + 24 + rows * rowHeight - rowGap > Column.Height) (subtitle, subtitleHeight) = (null, 0);
        rows = Math.Min(rows, (int)((Column.Height - titleHeight - subtitleHeight - 24 + rowGap) / rowHeight));

        var height = titleHeight + subtitleHeight + 24 + rows * rowHeight - rowGap;
        var top = PlaceLines(title, Column.Top + Math.Max(0, (Column.Height - height) / 2), 44, TitleColor, Title);
        if (subtitle is not null) top = PlaceLines([subtitle], top + 12, 26, MutedColor, Lines);
        top += 24;

        var labels = new LineBreaker(content.Direction, labelSize, bold: false);
        var percents = new LineBreaker(content.Direction, labelSize, bold: true);
        foreach (var standing in content.Standings.Take(rows))
        {
            var share = double.IsFinite(standing.Percent) ? Math.Clamp(standing.Percent, 0, 100) : 0;
            var percent = percents.Shape(Math.Round(share, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "%");
            var label = labels.Line(standing.Label, Column.Width - percent.Width - 24);
            var baseline = Baseline(top, labelSize);
            Lines.Add(new PlacedLine(label, Lead(label.Width), baseline, BodyColor));
            Lines.Add(new PlacedLine(percent, rtl ? Column.Left : Column.Right - percent.Width, baseline, TitleColor));
            var barTop = top + LineHeight(labelSize) + barGap;
            var track = new SKRect(Column.Left, barTop, Column.Right, barTop + barHeight);
            var filled = (float)(track.Width * share / 100);
            var fill = rtl ? track with { Left = track.Right - filled } : track with { Right = track.Left + filled };
            Bars.Add((track, fill));
            top += rowHeight;
        }
    }

    private void PlaceFooter(string? footer)
    {
        if (string.IsNullOrWhiteSpace(footer)) return;
        var width = BottomRow.Width - (Logo is null ? 0 : LogoMaxWidth + 24);
        var line = new LineBreaker(rtl ? TextDirection.Rtl : TextDirection.Ltr, 24, bold: false).Line(footer, width);
        // Beside a logo the footer goes to the far side; alone it starts where the text does.
        var x = Logo is null ? Lead(line.Width) : rtl ? BottomRow.Left : BottomRow.Right - line.Width;
        Lines.Add(new PlacedLine(line, x, BottomRow.MidY + 24 * 0.35f, MutedColor));
    }

    private ShapedLine? Subtitle(ShareCardContent content, float size) =>
        string.IsNullOrWhiteSpace(content.Subtitle) ? null : new LineBreaker(content.Direction, size, bold: false).Line(content.Subtitle, Column.Width);

    private float PlaceLines(IEnumerable<ShapedLine> lines, float top, float size, SKColor color, List<PlacedLine> into)
    {
        foreach (var line in lines)
        {
            into.Add(new PlacedLine(line, Lead(line.Width), Baseline(top, size), color));
            top += LineHeight(size);
        }
        return top;
    }

    /// <summary>The x where a line of this width starts: at the column's left for LTR, flush right for RTL.</summary>
    private float Lead(float width) => rtl ? Column.Right - width : Column.Left;

    private static float LineHeight(float size) => size * 1.22f;

    // Centres the Latin x-height band in the line box; Hebrew and Arabic sit on the same baseline.
    private static float Baseline(float top, float size) => top + LineHeight(size) / 2 + size * 0.36f;

    private static SKColor ParseAccent(string accent) =>
        accent is { Length: 7 } && accent[0] == '#' && uint.TryParse(accent.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)
            ? new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb)
            : throw new ArgumentException("The accent colour must be #rrggbb.", nameof(accent));
}
