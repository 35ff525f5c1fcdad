using CampaignEngine.Media;
using CsCheck;
using SkiaSharp;

namespace CampaignEngine.UnitTests.Media;

public sealed class ImageHeaderTests
{
    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality, byte alpha = 255)
    {
        using var bitmap = TestImages.WithCornerMarker(width, height, alpha);
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, 90, 255)]
    [InlineData(SKEncodedImageFormat.Png, 100, 255)]
    [InlineData(SKEncodedImageFormat.Webp, 80, 255)]  // lossy: VP8
    [InlineData(SKEncodedImageFormat.Webp, 100, 255)] // lossless: VP8L
    [InlineData(SKEncodedImageFormat.Webp, 80, 100)]  // lossy with alpha: VP8X
    public void TheSizeIsReadFromTheHeaderOfEachSupportedType(SKEncodedImageFormat format, int quality, byte alpha) =>
        Gen.Select(Gen.Int[1, 700], Gen.Int[1, 700]).Sample((width, height) =>
            Assert.Equal(new ImageHeader(KindOf(format), width, height), ImageHeader.TryRead(Encode(width, height, format, quality, alpha))), iter: 10);

    private static ImageKind KindOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => ImageKind.Jpeg,
        SKEncodedImageFormat.Png => ImageKind.Png,
        _ => ImageKind.WebP,
    };

    [Fact]
    public void AHeaderCutShortIsUnreadable()
    {
        var jpeg = Encode(100, 80, SKEncodedImageFormat.Jpeg, 90);
        var sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        Assert.Null(ImageHeader.TryRead(jpeg[..(sof + 6)]));
        Assert.Equal(ImageKind.Jpeg, ImageHeader.Sniff(jpeg[..3]));
        Assert.Null(ImageHeader.TryRead(TestImages.PngHeaderOnly(10, 10)[..20]));
        Assert.Null(ImageHeader.TryRead(TestImages.PngHeaderOnly(0, 10)));
    }
}
