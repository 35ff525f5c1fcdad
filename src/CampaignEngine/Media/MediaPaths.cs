using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CampaignEngine.Media;

/// <summary>
/// Blob paths for images: <c>{folder}/{sha256 prefix}.{ext}</c>, named after their content so that
/// a changed image gets a new URL and every URL can be cached forever.
/// </summary>
public static partial class MediaPaths
{
    private const int HashLength = 20; // 80 bits: no two images of one campaign collide

    /// <summary>The path of <paramref name="image"/> under <paramref name="folder"/> (a campaign slug, or slug/kind such as <c>summer/logo</c>).</summary>
    public static string For(string folder, SanitizedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!FolderPattern().IsMatch(folder)) throw new ArgumentException("An image folder is one or more segments of [a-z0-9-].", nameof(folder));
        return $"{folder}/{ContentName(image)}";
    }

    /// <summary>Whether <paramref name="path"/> has the shape of an image path (so it is safe to hand to storage).</summary>
    public static bool IsValid(string? path) => path is { Length: <= 512 } && PathPattern().IsMatch(path);

    /// <summary>Whether <paramref name="path"/> is the content-addressed name of exactly this image.</summary>
    internal static bool Names(string path, SanitizedImage image) => IsValid(path) && path.EndsWith("/" + ContentName(image), StringComparison.Ordinal);

    private static string ContentName(SanitizedImage image) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(image.Bytes.Span))[..HashLength]}.{image.Extension}";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}(/[a-z0-9][a-z0-9-]{0,62}){0,3}$")]
    private static partial Regex FolderPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}(/[a-z0-9][a-z0-9-]{0,62}){0,3}/[0-9a-f]{20}\\.(jpg|png|webp)$")]
    private static partial Regex PathPattern();
}
