namespace CampaignEngine.Media;

/// <summary>An image re-encoded by <see cref="ImageSanitizer"/>: upright, within its limits, without metadata.</summary>
public sealed record SanitizedImage(ReadOnlyMemory<byte> Bytes, string ContentType, int Width, int Height)
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";

    /// <summary>The file extension for <see cref="ContentType"/>, without the dot.</summary>
    public string Extension => ContentType switch { Png => "png", WebP => "webp", _ => "jpg" };
}
