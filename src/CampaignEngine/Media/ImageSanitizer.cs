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
/// rather than WebP because every share-card scraper and mail client displays it; <see cref="Renditions"/>
/// adds WebP copies for pages, where a <c>picture</c> element lets the browser choose.
/// </remarks>
public static class ImageSanitizer
{
    private const int JpegQuality = 85;
    private const int WebPQuality = 80;

    public static ImageSanitizeResult Sanitize(ReadOnlyMemory<byte> upload, ImageLimits limits)
    {
        var (problem, upright) = DecodeUpright(upload, limits);
        if (upright is null) return ImageSanitizeResult.Refused(problem!.Value);
        using (upright) return ImageSanitizeResult.Ok(Encode(upright, webP: false));
    }

    /// <summary>
    /// Whether <paramref name="upload"/> would sanitize, at a fraction of the cost: the same checks of type, bytes and
    /// declared pixels, then a decode of the whole file at the smallest size its codec offers (an eighth for a JPEG),
    /// which reads every byte of the image data, so a truncated or corrupt file is found. Nothing is encoded.
    /// </summary>
    public static ImageProblem? Validate(ReadOnlyMemory<byte> upload, ImageLimits limits)
    {
        if (Precheck(upload, limits) is { } problem) return problem;
        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        if (!MatchesHeader(codec, upload.Span)) return ImageProblem.Corrupt;
        var size = ImageScaling.DecodeSize(codec!, 1, 1);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        return codec!.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success ? null : ImageProblem.Corrupt;
    }

    /// <summary>
    /// The upload at two sizes, each in two encodings: the display image within <see cref="ImageLimits.MaxEdge"/> and a
    /// thumbnail within <paramref name="thumbnailEdge"/>, as WebP (smaller, for browsers that take it) and as JPEG
    /// (PNG when transparent) for everything else. One decode serves all four.
    /// </summary>
    public static ImageRenditionsResult Renditions(ReadOnlyMemory<byte> upload, ImageLimits limits, int thumbnailEdge)
    {
        var (problem, upright) = DecodeUpright(upload, limits);
        if (upright is null) return ImageRenditionsResult.Refused(problem!.Value);
        using (upright)
        {
            using var thumbnail = Downscale(upright, thumbnailEdge);
            return ImageRenditionsResult.Ok(new ImageRenditions(
                Encode(upright, webP: false), Encode(upright, webP: true), Encode(thumbnail, webP: false), Encode(thumbnail, webP: true)));
        }
    }

    private static ImageProblem? Precheck(ReadOnlyMemory<byte> upload, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (upload.IsEmpty) return ImageProblem.Empty;
        if (upload.Length > limits.MaxBytes) return ImageProblem.TooLarge;
        if (ImageHeader.Sniff(upload.Span) == ImageKind.Unknown) return ImageProblem.UnsupportedType;
        if (ImageHeader.TryRead(upload.Span) is not { } header) return ImageProblem.Corrupt;
        if (header.Pixels > limits.MaxPixels) return ImageProblem.TooManyPixels;
        return null;
    }

    // A file that tells the decoder another size than its header told us is lying to one of us.
    private static bool MatchesHeader(SKCodec? codec, ReadOnlySpan<byte> upload) =>
        codec is not null && ImageHeader.TryRead(upload) is { } header && codec.Info.Width == header.Width && codec.Info.Height == header.Height;

    private static (ImageProblem? Problem, SKBitmap? Upright) DecodeUpright(ReadOnlyMemory<byte> upload, ImageLimits limits)
    {
        if (Precheck(upload, limits) is { } problem) return (problem, null);
        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        if (!MatchesHeader(codec, upload.Span)) return (ImageProblem.Corrupt, null);
        using var decoded = Decode(codec!, limits.MaxEdge);
        if (decoded is null) return (ImageProblem.Corrupt, null);
        return (null, Upright(decoded, codec!.EncodedOrigin, limits.MaxEdge));
    }

    /// <summary>An upright bitmap scaled down to fit <paramref name="maxEdge"/> (a copy even when it fits already).</summary>
    private static SKBitmap Downscale(SKBitmap upright, int maxEdge)
    {
        var (width, height) = ImageGeometry.FitWithin(upright.Width, upright.Height, maxEdge);
        var source = ImageScaling.HalveWhileLarger(upright, width, height);
        try
        {
            var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(output);
            canvas.Clear(SKColors.Transparent);
            canvas.Scale((float)width / source.Width, (float)height / source.Height);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, ImageScaling.Sampling(source.Width, width));
            return output;
        }
        finally
        {
            if (!ReferenceEquals(source, upright)) source.Dispose();
        }
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

    private static SanitizedImage Encode(SKBitmap bitmap, bool webP)
    {
        using var pixmap = bitmap.PeekPixels();
        var transparent = HasTransparency(pixmap);
        using var encoded = webP
            ? pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebPQuality))
            : transparent
                ? pixmap.Encode(SKPngEncoderOptions.Default)
                : pixmap.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        if (encoded is null) throw new InvalidOperationException("Skia could not encode a decoded image.");
        var type = webP ? SanitizedImage.WebP : transparent ? SanitizedImage.Png : SanitizedImage.Jpeg;
        return new SanitizedImage(encoded.ToArray(), type, bitmap.Width, bitmap.Height);
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
