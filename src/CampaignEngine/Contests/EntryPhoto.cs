using CampaignEngine.Media;

namespace CampaignEngine.Contests;

/// <summary>Where an entry's photo is on its way from the upload to the gallery.</summary>
public static class PhotoState
{
    /// <summary>Stored as the fan sent it; the re-encoding queue function has not made its renditions yet.</summary>
    public const string Processing = "processing";

    public const string Ready = "ready";

    /// <summary>The upload could not be re-encoded (or was gone): the entry stays out of the gallery.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// An entry's photo: its state and, once ready, the blob paths of its renditions (display size and thumbnail, each as
/// JPEG or PNG and as WebP) and the display size in pixels, for the page's width and height attributes.
/// </summary>
public sealed record EntryPhoto(
    string State, string? Display = null, string? DisplayWebP = null, string? Thumbnail = null, string? ThumbnailWebP = null, int Width = 0, int Height = 0)
{
    public bool Ready => State == PhotoState.Ready;

    public static EntryPhoto Processing { get; } = new(PhotoState.Processing);

    public static EntryPhoto Failed { get; } = new(PhotoState.Failed);

    public static EntryPhoto Of(IReadOnlyList<string> paths, ImageRenditions images) =>
        new(PhotoState.Ready, paths[0], paths[1], paths[2], paths[3], images.Display.Width, images.Display.Height);

    /// <summary>The renditions' paths, for serving one by its file name.</summary>
    public IEnumerable<string> Paths => new[] { Display, DisplayWebP, Thumbnail, ThumbnailWebP }.OfType<string>();

    /// <summary>The path whose last segment is <paramref name="file"/>, if it is one of this photo's.</summary>
    public string? PathOf(string file) => Paths.FirstOrDefault(p => p.EndsWith("/" + file, StringComparison.Ordinal));
}
