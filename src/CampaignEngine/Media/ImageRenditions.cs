using System.Diagnostics.CodeAnalysis;

namespace CampaignEngine.Media;

/// <summary>One picture at a display size and as a thumbnail, each in a widely read encoding (JPEG or PNG) and as WebP.</summary>
public sealed record ImageRenditions(SanitizedImage Display, SanitizedImage DisplayWebP, SanitizedImage Thumbnail, SanitizedImage ThumbnailWebP)
{
    public IEnumerable<SanitizedImage> All => [Display, DisplayWebP, Thumbnail, ThumbnailWebP];
}

/// <summary>Either the renditions or the reason there are none.</summary>
public sealed record ImageRenditionsResult
{
    private ImageRenditionsResult(ImageRenditions? images, ImageProblem? problem) => (Images, Problem) = (images, problem);

    public ImageRenditions? Images { get; }
    public ImageProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Images))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Images is not null;

    public static ImageRenditionsResult Ok(ImageRenditions images) => new(images, null);
    public static ImageRenditionsResult Refused(ImageProblem problem) => new(null, problem);
}
