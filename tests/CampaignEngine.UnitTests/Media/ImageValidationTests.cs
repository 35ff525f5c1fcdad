using CampaignEngine.Media;
using SkiaSharp;

namespace CampaignEngine.UnitTests.Media;

/// <summary>The accept path's cheap check and the queue function's renditions.</summary>
public sealed class ImageValidationTests
{
    [Fact]
    public void ValidateGivesTheVerdictSanitizeWouldForEveryKindOfBadFile()
    {
        var jpeg = TestImages.Jpeg(640, 480);
        var cases = new (byte[] Upload, ImageProblem? Expected)[]
        {
            (jpeg, null),
            (TestImages.Png(300, 200), null),
            ([], ImageProblem.Empty),
            (TestImages.PngHeaderOnly(50_000, 50_000), ImageProblem.TooManyPixels),
            (jpeg[..(jpeg.Length / 2)], ImageProblem.Corrupt),
            (TestImages.Gif, ImageProblem.UnsupportedType),
        };
        foreach (var (upload, expected) in cases)
        {
            Assert.Equal(expected, ImageSanitizer.Validate(upload, ImageLimits.Cover));
            Assert.Equal(expected, ImageSanitizer.Sanitize(upload, ImageLimits.Cover).Problem);
        }
        Assert.Equal(ImageProblem.TooLarge, ImageSanitizer.Validate(jpeg, new ImageLimits(MaxBytes: jpeg.Length - 1)));
    }

    [Fact]
    public void RenditionsAreUprightAtTwoSizesEachAsJpegAndWebPWithoutMetadata()
    {
        var upload = Exif.Splice(TestImages.Jpeg(2400, 1800), Exif.App1(orientation: 6, gps: true));

        var result = ImageSanitizer.Renditions(upload, new ImageLimits(MaxEdge: 1600), thumbnailEdge: 480);

        Assert.True(result.Succeeded);
        var images = result.Images;
        Assert.Equal(
            [(SanitizedImage.Jpeg, 1200, 1600), (SanitizedImage.WebP, 1200, 1600), (SanitizedImage.Jpeg, 360, 480), (SanitizedImage.WebP, 360, 480)],
            images.All.Select(i => (i.ContentType, i.Width, i.Height)));
        foreach (var image in images.All)
        {
            using var decoded = SKBitmap.Decode(image.Bytes.Span);
            Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
            Assert.Equal(-1, image.Bytes.Span.IndexOf("Exif"u8));
            Assert.Equal(-1, image.Bytes.Span.IndexOf(BitConverter.GetBytes(Exif.LatitudeDegrees)));
        }
        Assert.Equal("webp", images.ThumbnailWebP.Extension);
        Assert.True(images.ThumbnailWebP.Bytes.Length < images.Display.Bytes.Length);
    }

    [Fact]
    public void ASmallPictureIsNeverScaledUp()
    {
        var result = ImageSanitizer.Renditions(TestImages.Jpeg(200, 100), new ImageLimits(MaxEdge: 1600), thumbnailEdge: 480);
        Assert.True(result.Succeeded);
        Assert.All(result.Images.All, i => Assert.Equal((200, 100), (i.Width, i.Height)));
    }
}
