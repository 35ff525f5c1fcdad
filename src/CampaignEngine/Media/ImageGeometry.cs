using SkiaSharp;

namespace CampaignEngine.Media;

/// <summary>Output size and the EXIF orientation transform.</summary>
internal static class ImageGeometry
{
    /// <summary>Scales (width, height) down so the longer edge is at most <paramref name="maxEdge"/>; never up.</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxEdge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdge, 1);
        var longer = Math.Max(width, height);
        if (longer <= maxEdge) return (width, height);
        var scale = (double)maxEdge / longer;
        return width >= height
            ? (maxEdge, Math.Clamp((int)Math.Round(height * scale), 1, maxEdge))
            : (Math.Clamp((int)Math.Round(width * scale), 1, maxEdge), maxEdge);
    }

    /// <summary>Origins 5–8 store the picture on its side: the upright image has width and height swapped.</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Maps a stored <paramref name="width"/> × <paramref name="height"/> image onto its upright position.</summary>
    public static SKMatrix Upright(SKEncodedOrigin origin, float width, float height) => origin switch
    {
        SKEncodedOrigin.TopRight => Matrix(-1, 0, width, 0, 1, 0),        // mirrored left-right
        SKEncodedOrigin.BottomRight => Matrix(-1, 0, width, 0, -1, height), // upside down
        SKEncodedOrigin.BottomLeft => Matrix(1, 0, 0, 0, -1, height),      // mirrored top-bottom
        SKEncodedOrigin.LeftTop => Matrix(0, 1, 0, 1, 0, 0),               // transposed
        SKEncodedOrigin.RightTop => Matrix(0, -1, height, 1, 0, 0),        // turned 90° clockwise to view
        SKEncodedOrigin.RightBottom => Matrix(0, -1, height, -1, 0, width), // transverse
        SKEncodedOrigin.LeftBottom => Matrix(0, 1, 0, -1, 0, width),       // turned 90° counter-clockwise to view
        _ => SKMatrix.Identity,
    };

    // x' = scaleX·x + skewX·y + transX; y' = skewY·x + scaleY·y + transY
    private static SKMatrix Matrix(float scaleX, float skewX, float transX, float skewY, float scaleY, float transY) =>
        new(scaleX, skewX, transX, skewY, scaleY, transY, 0, 0, 1);
}
