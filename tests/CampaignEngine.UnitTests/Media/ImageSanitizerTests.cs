using CampaignEngine.Media;
using CsCheck;
using SkiaSharp;

namespace CampaignEngine.UnitTests.Media;

public sealed class ImageSanitizerTests
{
    private static SanitizedImage Sanitized(byte[] upload, ImageLimits? limits = null)
    {
        var result = ImageSanitizer.Sanitize(upload, limits ?? ImageLimits.Cover);
        Assert.True(result.Succeeded, result.ToString());
        return result.Image;
    }

    private static ImageProblem? Problem(byte[] upload, ImageLimits? limits = null) => ImageSanitizer.Sanitize(upload, limits ?? ImageLimits.Cover).Problem;

    private static SKBitmap Decode(SanitizedImage image) => SKBitmap.Decode(image.Bytes.Span) ?? throw new InvalidOperationException("output does not decode");

    [Fact]
    public void AJpegCarryingGpsExifComesBackWithoutAnyMetadata()
    {
        var upload = Exif.Splice(TestImages.Jpeg(320, 240), Exif.App1(gps: true));
        Assert.Contains((byte)0xE1, Exif.HeaderMarkers(upload));
        Assert.True(upload.AsSpan().IndexOf("Exif\0\0"u8) > 0);

        var image = Sanitized(upload);

        Assert.Equal(SanitizedImage.Jpeg, image.ContentType);
        var markers = Exif.HeaderMarkers(image.Bytes.Span);
        Assert.Contains((byte)0xDA, markers); // it is a JPEG with a scan
        Assert.DoesNotContain(markers, m => m is >= 0xE1 and <= 0xEF or 0xFE); // no APP1..APP15 (EXIF, XMP, ICC, ...) and no comment
        Assert.Equal(-1, image.Bytes.Span.IndexOf("Exif"u8));
        Assert.Equal(-1, image.Bytes.Span.IndexOf("GPS"u8));
        Assert.Equal(-1, image.Bytes.Span.IndexOf(BitConverter.GetBytes(Exif.LatitudeDegrees)));
    }

    [Fact]
    public void APngWhoseHeaderClaimsFiftyThousandSquaredIsRefusedBeforeDecoding()
    {
        var bomb = TestImages.PngHeaderOnly(50_000, 50_000);
        Assert.True(bomb.Length < 100);

        Assert.Equal(ImageProblem.TooManyPixels, Problem(bomb));
        // The same file with a small size is refused as corrupt, because it holds no pixel data:
        // so the verdict above was reached from the header, before any decoder ran.
        Assert.Equal(ImageProblem.Corrupt, Problem(TestImages.PngHeaderOnly(100, 100)));
    }

    [Theory]
    [InlineData(6_000, 6_000, 40_000_000, ImageProblem.Corrupt)]
    [InlineData(6_000, 7_000, 40_000_000, ImageProblem.TooManyPixels)]
    [InlineData(100, 100, 9_999, ImageProblem.TooManyPixels)]
    public void ThePixelLimitIsWidthTimesHeightFromTheHeader(uint width, uint height, long maxPixels, ImageProblem expected) =>
        Assert.Equal(expected, Problem(TestImages.PngHeaderOnly(width, height), new ImageLimits(MaxPixels: maxPixels)));

    [Fact]
    public void ATruncatedJpegIsCorrupt()
    {
        var jpeg = TestImages.Jpeg(400, 300);
        Assert.Equal(ImageProblem.Corrupt, Problem(jpeg[..(jpeg.Length / 2)]));
        Assert.Equal(ImageProblem.Corrupt, Problem(jpeg[..20]));
    }

    [Fact]
    public void AJpegCutAnywhereInsideItsImageDataIsCorrupt()
    {
        var jpeg = TestImages.Jpeg(200, 150);
        var scan = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        Gen.Int[scan + 20, jpeg.Length - 20].Sample(cut => Assert.Equal(ImageProblem.Corrupt, Problem(jpeg[..cut])), iter: 40);
    }

    [Fact]
    public void AJpegWhoseFrameHeaderIsGarbageIsCorrupt()
    {
        var jpeg = TestImages.Jpeg(64, 64);
        var sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        jpeg[sof + 2] = 0; // segment length 0..255 instead of 17
        jpeg[sof + 3] = 1;
        Assert.Equal(ImageProblem.Corrupt, Problem(jpeg));
    }

    public static TheoryData<string, byte[]> Unsupported => new()
    {
        { "gif", TestImages.Gif },
        { "svg text", TestImages.Text },
        { "bmp", [.. "BM"u8, .. new byte[60]] },
        { "riff but not webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. new byte[40]] },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void OnlyJpegPngAndWebPMagicBytesAreAccepted(string kind, byte[] upload) =>
        Assert.True(Problem(upload) == ImageProblem.UnsupportedType, kind);

    [Fact]
    public void NothingIsEmptyAndOneByteOverTheLimitIsTooLarge()
    {
        var png = TestImages.Png(50, 50);
        Assert.Equal(ImageProblem.Empty, Problem([]));
        Assert.Equal(ImageProblem.TooLarge, Problem(png, new ImageLimits(MaxBytes: png.Length - 1)));
        Assert.True(ImageSanitizer.Sanitize(png, new ImageLimits(MaxBytes: png.Length)).Succeeded);
        Assert.Equal(10 * 1024 * 1024, new ImageLimits().MaxBytes);
        Assert.Equal(40_000_000, new ImageLimits().MaxPixels);
    }

    // The marker sits in the stored top-left corner; each orientation says where it belongs upright.
    [Theory]
    [InlineData(1, false, false, false)]
    [InlineData(2, false, true, false)]
    [InlineData(3, false, true, true)]
    [InlineData(4, false, false, true)]
    [InlineData(5, true, false, false)]
    [InlineData(6, true, true, false)]
    [InlineData(7, true, true, true)]
    [InlineData(8, true, false, true)]
    public void ExifOrientationTurnsTheImageUpright(ushort orientation, bool swapped, bool markerRight, bool markerBottom)
    {
        // Small enough to keep, and large enough that decoding at 1/8 and halving both take part.
        foreach (var (width, height, limits) in new[] { (240, 120, ImageLimits.Cover), (3840, 1920, new ImageLimits(MaxEdge: 240)) })
        {
            var upload = Exif.Splice(TestImages.Jpeg(width, height), Exif.App1(orientation));

            var image = Sanitized(upload, limits);

            Assert.Equal(swapped ? (120, 240) : (240, 120), (image.Width, image.Height));
            using var bitmap = Decode(image);
            Assert.Equal((image.Width, image.Height), (bitmap.Width, bitmap.Height));
            var x = markerRight ? image.Width - 10 : 10;
            var y = markerBottom ? image.Height - 10 : 10;
            Assert.True(IsMarker(bitmap.GetPixel(x, y)), $"{width}x{height}: no marker at ({x},{y}): {bitmap.GetPixel(x, y)}");
            Assert.False(IsMarker(bitmap.GetPixel(image.Width - 1 - x, image.Height - 1 - y)), "the marker is in the opposite corner too");
        }
    }

    private static bool IsMarker(SKColor c) => c.Red > 180 && c.Green < 80 && c.Blue < 80;

    [Fact]
    public void OutputKeepsTheAspectRatioAndNeverExceedsTheMaxEdge() =>
        Gen.Select(Gen.Int[1, 900], Gen.Int[1, 900], Gen.Int[8, 1000]).Sample((width, height, maxEdge) =>
        {
            var image = Sanitized(TestImages.Png(width, height), new ImageLimits(MaxEdge: maxEdge));

            var longer = Math.Max(width, height);
            Assert.Equal(Math.Min(longer, maxEdge), Math.Max(image.Width, image.Height));
            var scale = (double)Math.Max(image.Width, image.Height) / longer;
            Assert.InRange(image.Width, Math.Floor(width * scale - 0.5), Math.Ceiling(width * scale + 0.5));
            Assert.InRange(image.Height, Math.Floor(height * scale - 0.5), Math.Ceiling(height * scale + 0.5));
            using var bitmap = Decode(image);
            Assert.Equal((image.Width, image.Height), (bitmap.Width, bitmap.Height));
        }, iter: 30);

    [Fact]
    public void ABigJpegIsScaledToTheLogoEdge()
    {
        var image = Sanitized(TestImages.Jpeg(3000, 1000), ImageLimits.Logo);

        Assert.Equal((512, 171), (image.Width, image.Height));
        using var bitmap = Decode(image);
        Assert.True(IsMarker(bitmap.GetPixel(20, 20)));
    }

    [Fact]
    public void AWideGamutImageIsConvertedToSrgbAndItsProfileDropped()
    {
        using var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);
        var colour = new SKColor(200, 100, 50);
        using var source = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Premul, p3));
        // Raw P3 values (Erase would take the colour as sRGB and convert it).
        var pixels = source.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4) (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (colour.Red, colour.Green, colour.Blue, 255);
        using var encoded = source.Encode(SKEncodedImageFormat.Png, 100);
        Assert.True(encoded.AsSpan().IndexOf("iCCP"u8) > 0, "the upload carries its P3 profile");
        using var srgb = new SKBitmap(new SKImageInfo(1, 1, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()));
        using (var canvas = new SKCanvas(srgb)) canvas.DrawBitmap(source, new SKRect(0, 0, 1, 1), new SKSamplingOptions(SKFilterMode.Nearest));
        var expected = srgb.GetPixel(0, 0);
        Assert.NotEqual(colour, expected);

        var image = Sanitized(encoded.ToArray());

        Assert.Equal(SanitizedImage.Jpeg, image.ContentType);
        Assert.DoesNotContain(Exif.HeaderMarkers(image.Bytes.Span), m => m == 0xE2); // no ICC profile (APP2)
        using var bitmap = Decode(image);
        var actual = bitmap.GetPixel(32, 32);
        Assert.InRange(actual.Red, expected.Red - 4, expected.Red + 4);
        Assert.InRange(actual.Green, expected.Green - 4, expected.Green + 4);
        Assert.InRange(actual.Blue, expected.Blue - 4, expected.Blue + 4);
    }

    [Fact]
    public void TransparencyKeepsPngAndOpaqueImagesBecomeJpeg()
    {
        Assert.Equal(SanitizedImage.Png, Sanitized(TestImages.Png(64, 64, alpha: 128)).ContentType);
        Assert.Equal(SanitizedImage.Jpeg, Sanitized(TestImages.Png(64, 64)).ContentType);
        Assert.Equal(SanitizedImage.Jpeg, Sanitized(TestImages.WebP(64, 48)).ContentType);
        Assert.Equal("png", Sanitized(TestImages.Png(8, 8, alpha: 0)).Extension);
    }

    [Fact]
    public void ArbitraryBytesNeverThrow() =>
        Gen.OneOf(
                Gen.Byte.Array[0, 300],
                Gen.Byte.Array[0, 300].Select(tail => (byte[])[0xFF, 0xD8, 0xFF, .. tail]),
                Gen.Byte.Array[0, 300].Select(tail => (byte[])[.. TestImages.PngHeaderOnly(16, 16)[..16], .. tail]),
                Gen.Byte.Array[0, 300].Select(tail => (byte[])[.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8, .. tail]))
            .Sample(upload =>
            {
                var result = ImageSanitizer.Sanitize(upload, ImageLimits.Logo);
                Assert.True(result.Succeeded || result.Problem is not null);
            }, iter: 300);
}
