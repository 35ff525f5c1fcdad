using CampaignEngine.Media;
using SkiaSharp;

namespace CampaignEngine.ShareCards;

/// <summary>
/// Draws the 1200×630 PNG that link previews (og:image) show: title, subtitle or standings, logo,
/// cover and footer, with text shaped by HarfBuzz in the embedded Noto fonts. Pure: the same
/// content always gives the same bytes.
/// </summary>
public static class ShareCardRenderer
{
    public const int Width = ShareCardLayout.Width;
    public const int Height = ShareCardLayout.Height;
    public const string ContentType = "image/png";
    public const int MaxStandings = ShareCardLayout.MaxStandings;

    // Without row filters: half the encoding time of adaptive filtering, and smaller for flat text and bars.
    private static readonly SKPngEncoderOptions Png = new(SKPngEncoderFilterFlags.None, 6);

    public static byte[] Render(ShareCardContent content)
    {
        var layout = ShareCardLayout.For(content);
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(ShareCardLayout.Background);
            if (layout.Cover is { } cover) DrawImage(canvas, content.Cover, cover, fill: true, alignRight: false);
            if (layout.Logo is { } logo) DrawImage(canvas, content.Logo, logo, fill: false, alignRight: content.Direction == TextDirection.Rtl);
            using var accent = new SKPaint { Color = layout.Accent, IsAntialias = true };
            using var track = new SKPaint { Color = Blend(layout.Accent, ShareCardLayout.Background, 0.18f), IsAntialias = true };
            canvas.DrawRect(layout.Strip, accent);
            foreach (var (bar, fill) in layout.Bars)
            {
                canvas.DrawRoundRect(bar, bar.Height / 2, bar.Height / 2, track);
                if (fill.Width > 0) canvas.DrawRoundRect(fill, fill.Height / 2, fill.Height / 2, accent);
            }
            foreach (var line in layout.Title.Concat(layout.Lines)) DrawLine(canvas, line);
        }
        using var pixmap = bitmap.PeekPixels();
        using var png = pixmap.Encode(Png) ?? throw new InvalidOperationException("Skia could not encode the card.");
        return png.ToArray();
    }

    private static void DrawLine(SKCanvas canvas, PlacedLine placed)
    {
        using var paint = new SKPaint { Color = placed.Color, IsAntialias = true };
        foreach (var run in placed.Line.Runs.Where(r => r.Glyphs.Length > 0))
        {
            using var font = run.CreateFont();
            using var builder = new SKTextBlobBuilder();
            builder.AddPositionedRun(run.Glyphs, font, run.Positions);
            using var blob = builder.Build();
            if (blob is not null) canvas.DrawText(blob, placed.X, placed.Baseline, paint);
        }
    }

    /// <summary>A cover fills its box (cropped in the middle); a logo fits inside its box, centred vertically, on the reading side.</summary>
    private static void DrawImage(SKCanvas canvas, ReadOnlyMemory<byte> bytes, SKRect box, bool fill, bool alignRight)
    {
        using var image = Decode(bytes, box, fill);
        if (image is null) return; // not an image after all: the card is still worth having without it
        var scale = fill ? Math.Max(box.Width / image.Width, box.Height / image.Height) : Math.Min(1, Math.Min(box.Width / image.Width, box.Height / image.Height));
        var (width, height) = (image.Width * scale, image.Height * scale);
        var left = fill ? box.MidX - width / 2 : alignRight ? box.Right - width : box.Left;
        var destination = new SKRect(left, box.MidY - height / 2, left + width, box.MidY + height / 2);
        canvas.Save();
        canvas.ClipRect(box);
        canvas.DrawImage(image, destination, ImageScaling.Sampling(image.Width, width));
        canvas.Restore();
    }

    // A 2048-pixel cover drawn 440 wide: JPEG decodes at an eighth-step of its size directly, far cheaper than in full.
    private static SKImage? Decode(ReadOnlyMemory<byte> bytes, SKRect box, bool fill)
    {
        using var data = SKData.CreateCopy(bytes.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var scale = Math.Min(1, fill ? Math.Max(box.Width / width, box.Height / height) : Math.Min(box.Width / width, box.Height / height));
        var size = ImageScaling.DecodeSize(codec, width * scale, height * scale);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, ImageScaling.DecodeColorSpace(codec));
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success) return null;
        var halved = ImageScaling.HalveWhileLarger(decoded, (int)Math.Ceiling(width * scale), (int)Math.Ceiling(height * scale));
        try
        {
            halved.SetImmutable();
            return SKImage.FromBitmap(halved);
        }
        finally
        {
            if (!ReferenceEquals(halved, decoded)) halved.Dispose();
        }
    }

    private static SKColor Blend(SKColor color, SKColor background, float amount) => new(
        (byte)(background.Red + (color.Red - background.Red) * amount),
        (byte)(background.Green + (color.Green - background.Green) * amount),
        (byte)(background.Blue + (color.Blue - background.Blue) * amount));
}
