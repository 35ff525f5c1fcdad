using SkiaSharp;

namespace CampaignEngine.Media;

/// <summary>Decoding and downscaling that stay cheap for big photos.</summary>
internal static class ImageScaling
{
    /// <summary>
    /// The smallest size the codec can decode to directly that is still at least the needed size:
    /// JPEG decodes at any eighth of its size (a 12 MP photo for a 2048 edge at 5/8), other formats only in full.
    /// </summary>
    public static SKSizeI DecodeSize(SKCodec codec, float neededWidth, float neededHeight)
    {
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if (size.Width >= neededWidth && size.Height >= neededHeight) return size;
        }
        return codec.Info.Size;
    }

    /// <summary>
    /// Pixels in sRGB without converting what is sRGB already: a photo in another space (Display P3 from a
    /// phone) is converted, everything else decodes as stored.
    /// </summary>
    public static SKColorSpace? DecodeColorSpace(SKCodec codec) =>
        codec.Info.ColorSpace is { IsSrgb: false } ? SKColorSpace.CreateSrgb() : null;

    /// <summary>
    /// Halves the bitmap (a 2×2 average) while it stays at least the needed size, so the final resample is
    /// less than 2× and a cubic filter does it without aliasing; much cheaper than building mipmaps.
    /// The caller owns the result, which may be <paramref name="bitmap"/> itself.
    /// </summary>
    public static SKBitmap HalveWhileLarger(SKBitmap bitmap, int neededWidth, int neededHeight)
    {
        var current = bitmap;
        while (current.Width / 2 >= neededWidth && current.Height / 2 >= neededHeight)
        {
            var half = new SKBitmap(current.Info.WithSize(current.Width / 2, current.Height / 2));
            current.ScalePixels(half, new SKSamplingOptions(SKFilterMode.Linear));
            if (!ReferenceEquals(current, bitmap)) current.Dispose();
            current = half;
        }
        return current;
    }

    public static SKSamplingOptions Sampling(float sourceWidth, float destinationWidth) =>
        Math.Abs(sourceWidth - destinationWidth) < 0.01f ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKCubicResampler.Mitchell);
}
