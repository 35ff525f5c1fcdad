namespace CampaignEngine.Media;

/// <summary>What an upload may be, and how large the sanitized image comes out.</summary>
/// <param name="MaxBytes">Uploads larger than this are refused before anything reads them.</param>
/// <param name="MaxPixels">Width × height as the file's header states it, checked before any decoding.</param>
/// <param name="MaxEdge">The longer edge of the output; larger images are scaled down, smaller ones never up.</param>
public sealed record ImageLimits(long MaxBytes = ImageLimits.DefaultMaxBytes, long MaxPixels = ImageLimits.DefaultMaxPixels, int MaxEdge = 2048)
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>A campaign's cover or an entry's picture: big enough for a 2x share card.</summary>
    public static ImageLimits Cover { get; } = new(MaxEdge: 2048);

    /// <summary>A brand logo.</summary>
    public static ImageLimits Logo { get; } = new(MaxEdge: 512);
}
