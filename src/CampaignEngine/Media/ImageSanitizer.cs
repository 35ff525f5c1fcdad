using SkiaSharp;

namespace CampaignEngine.Media;

/// <summary>
/// Turns an untrusted upload into an image that is safe to store and serve: a supported type by its
/// magic bytes, within the byte and pixel limits, turned upright by its EXIF orientation, scaled
/// down to the maximum edge and re-encoded, which leaves every piece of metadata (EXIF, GPS, XMP,
/// ICC, comments) and anything smuggled after the image data behind.
/// </summary>
/// <remarks>
/// Output: PNG when the image has any transparency (logos), otherwise JPEG at quality 85. JPEG
/// rather than WebP because every share-card scraper and mail client displays it.
/// </remarks>
public static class ImageSanitizer
{
    private const int JpegQuality = 85;

    public static ImageSanitizeResult Sanitize(ReadOnlyMemory<byte> upload, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (upload.IsEmpty) return ImageSanitizeResult.Refused(ImageProblem.Empty);
        if (upload.Length > limits.MaxBytes) return ImageSanitizeResult.Refused(ImageProblem.TooLarge);
        if (ImageHeader.Sniff(upload.Span) == ImageKind.Unknown) return ImageSanitizeResult.Refused(ImageProblem.UnsupportedType);
        if (ImageHeader.TryRead(upload.Span) is not { } header) return ImageSanitizeResult.Refused(ImageProblem.Corrupt);
        if (header.Pixels > limits.MaxPixels) return ImageSanitizeResult.Refused(ImageProblem.TooManyPixels);

        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        // A file that tells the decoder another size than its header told us is lying to one of us.
        if (codec is null || codec.Info.Width != header.Width || codec.Info.Height != header.Height)
        {
            return ImageSanitizeResult.Refused(ImageProblem.Corrupt);
        }

        using var decoded = Decode(codec, limits.MaxEdge);
        if (decoded is null) return ImageSanitizeResult.Refused(ImageProblem.Corrupt);
        using var upright = Upright(decoded, codec.EncodedOrigin, limits.MaxEdge);
        return ImageSanitizeResult.Ok(Encode(upright));
    }

    /// <summary>Decodes into sRGB, at a reduced size where the codec can and the output allows.</summary>
    private static SKBitmap? Decode(SKCodec codec, int maxEdge)
    {
        var stored = codec.Info;
        var (neededWidth, neededHeight) = StoredSize(codec.EncodedOrigin, stored.Width, stored.Height, maxEdge);
        var size = ImageScaling.DecodeSize(codec, neededWidth, neededHeight);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, ImageScaling.DecodeColorSpace(codec));
        var bitmap = new SKBitmap(info);
        // IncompleteInput (a truncated file) still fills the bitmap, with grey: not an image we keep.
        if (codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        return null;
    }

    /// <summary>The output size before turning upright: what the decoded pixels must at least cover.</summary>
    private static (int Width, int Height) StoredSize(SKEncodedOrigin origin, int storedWidth, int storedHeight, int maxEdge)
    {
        var swaps = ImageGeometry.SwapsAxes(origin);
        var (width, height) = ImageGeometry.FitWithin(swaps ? storedHeight : storedWidth, swaps ? storedWidth : storedHeight, maxEdge);
        return swaps ? (height, width) : (width, height);
    }

    private static SKBitmap Upright(SKBitmap decoded, SKEncodedOrigin origin, int maxEdge)
    {
        var swaps = ImageGeometry.SwapsAxes(origin);
        var (neededWidth, neededHeight) = StoredSize(origin, decoded.Width, decoded.Height, maxEdge);
        var (width, height) = swaps ? (neededHeight, neededWidth) : (neededWidth, neededHeight);
        var source = ImageScaling.HalveWhileLarger(decoded, neededWidth, neededHeight);
        try
        {
            var (sourceWidth, sourceHeight) = swaps ? (source.Height, source.Width) : (source.Width, source.Height);
            // No colour space on the output: the pixels are sRGB already, and none means no ICC profile is written.
            var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(output);
            canvas.Clear(SKColors.Transparent);
            canvas.Scale((float)width / sourceWidth, (float)height / sourceHeight);
            canvas.Concat(ImageGeometry.Upright(origin, source.Width, source.Height));
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, ImageScaling.Sampling(sourceWidth, width));
            return output;
        }
        finally
        {
            if (!ReferenceEquals(source, decoded)) source.Dispose();
        }
    }

    private static SanitizedImage Encode(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        var transparent = HasTransparency(pixmap);
        using var encoded = transparent
            ? pixmap.Encode(SKPngEncoderOptions.Default)
            : pixmap.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        if (encoded is null) throw new InvalidOperationException("Skia could not encode a decoded image.");
        return new SanitizedImage(encoded.ToArray(), transparent ? SanitizedImage.Png : SanitizedImage.Jpeg, bitmap.Width, bitmap.Height);
    }

    private static bool HasTransparency(SKPixmap pixmap)
    {
        var bytes = pixmap.GetPixelSpan<byte>();
        for (var alpha = 3; alpha < bytes.Length; alpha += 4)
        {
            if (bytes[alpha] != 0xFF) return true;
        }
        return false;
    }
}
