using CampaignEngine.Media;
using CampaignEngine.ShareCards;
using SkiaSharp;

namespace CampaignEngine.UnitTests.ShareCards;

/// <summary>Cards in every direction and script, with made-up brand images passed through the sanitizer like real uploads.</summary>
internal static class SampleCards
{
    public static readonly ReadOnlyMemory<byte> Logo = Sanitized(DrawLogo(), ImageLimits.Logo);
    public static readonly ReadOnlyMemory<byte> Cover = Sanitized(DrawCover(), ImageLimits.Cover);

    public static readonly ShareCardStanding[] Flavours = [new("Maple pecan", 46.2), new("Matcha cream", 31.5), new("Wild berry jam", 22.3)];

    public static readonly Dictionary<string, ShareCardContent> All = new()
    {
        ["en-plain"] = new() { Title = "Which flavour should we launch next?", Subtitle = "Vote for the doughnut you want in stores this spring.", Footer = "demo-donuts.example" },
        ["en-logo-cover"] = new() { Title = "Which flavour should we launch next?", Subtitle = "Vote before Friday", Footer = "demo-donuts.example", Logo = Logo, Cover = Cover, AccentColor = "#d9480f" },
        ["en-results"] = new() { Title = "Which flavour should we launch next?", Subtitle = "1,204 votes", Standings = Flavours, Footer = "demo-donuts.example", Logo = Logo, AccentColor = "#2f9e44" },
        ["he-plain"] = new() { Title = "איזה טעם נשיק בפעם הבאה?", Subtitle = "הצביעו לסופגנייה שאתם רוצים לראות בחנויות.", Direction = TextDirection.Rtl, Footer = "demo-donuts.example" },
        ["he-logo-cover"] = new() { Title = "איזה טעם נשיק בפעם הבאה? הצביעו עד יום שישי", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", Logo = Logo, Cover = Cover, AccentColor = "#7048e8" },
        ["he-results"] = new()
        {
            Title = "איזה טעם נשיק בפעם הבאה?", Subtitle = "1,204 הצבעות", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", Logo = Logo,
            Standings = [new("חלבה ופיסטוק", 52), new("דולסה דה לצ׳ה", 30.4), new("ריבת פירות יער (Berry)", 17.6)],
        },
        ["ar-logo"] = new() { Title = "ما النكهة التي يجب أن نطلقها بعد ذلك؟", Subtitle = "صوّتوا للدونات التي تريدونها في المتاجر هذا الربيع", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", Logo = Logo, AccentColor = "#c2255c" },
        ["ar-results-cover"] = new()
        {
            Title = "ما النكهة التي يجب أن نطلقها بعد ذلك؟", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", Cover = Cover, AccentColor = "#1971c2",
            Standings = [new("القيقب والبقان", 41), new("كريمة الماتشا", 35), new("مربى التوت البري", 24)],
        },
        ["fa-plain"] = new() { Title = "کدام طعم را بعداً عرضه کنیم؟", Subtitle = "به دونات مورد علاقه‌تان رأی بدهید — ۱۲۰۴ رأی تا امروز", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", AccentColor = "#e8590c" },
        ["fa-results"] = new()
        {
            Title = "کدام طعم را بعداً عرضه کنیم؟", Subtitle = "۱۲۰۴ رأی", Direction = TextDirection.Rtl, Footer = "demo-donuts.example", Logo = Logo, AccentColor = "#0c8599",
            Standings = [new("گردو و افرا", 38.5), new("ماچا", 33), new("مربای توت", 18), new("پسته", 7.5), new("شکلات تلخ", 3)],
        },
        ["en-long"] = new()
        {
            Title = "An extraordinarily long campaign title that keeps going and going, with Supercalifragilisticexpialidocious words, " +
                    "far more than three lines could ever hold on a card of this size, so it must end with an ellipsis",
            AccentColor = "#000000",
        },
    };

    private static byte[] Sanitized(byte[] png, ImageLimits limits) =>
        ImageSanitizer.Sanitize(png, limits) is { Succeeded: true } result ? result.Image.Bytes.ToArray() : throw new InvalidOperationException("sample image refused");

    private static byte[] DrawLogo()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(400, 160, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        using var ring = new SKPaint { Color = new SKColor(0xd9, 0x48, 0x0f), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 28 };
        canvas.DrawCircle(80, 80, 56, ring);
        using var bar = new SKPaint { Color = new SKColor(0x34, 0x3a, 0x40), IsAntialias = true };
        canvas.DrawRoundRect(new SKRect(170, 50, 380, 74), 12, 12, bar);
        canvas.DrawRoundRect(new SKRect(170, 90, 320, 110), 10, 10, bar);
        return Png(bitmap);
    }

    private static byte[] DrawCover()
    {
        using var bitmap = new SKBitmap(1600, 1000);
        using var canvas = new SKCanvas(bitmap);
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1600, 1000),
            [new SKColor(0xff, 0xc0, 0x78), new SKColor(0xe6, 0x49, 0x80)], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, 1600, 1000, paint);
        using var dots = new SKPaint { Color = new SKColor(255, 255, 255, 90), IsAntialias = true };
        for (var i = 0; i < 12; i++) canvas.DrawCircle(130 * i + 60, 500 + 300 * MathF.Sin(i), 70, dots);
        return Png(bitmap);
    }

    private static byte[] Png(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
