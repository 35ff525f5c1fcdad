using System.Diagnostics.CodeAnalysis;

namespace CampaignEngine.Media;

/// <summary>Either a sanitized image or the reason there is none.</summary>
public sealed record ImageSanitizeResult
{
    private ImageSanitizeResult(SanitizedImage? image, ImageProblem? problem) => (Image, Problem) = (image, problem);

    public SanitizedImage? Image { get; }
    public ImageProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Image is not null;

    public static ImageSanitizeResult Ok(SanitizedImage image) => new(image, null);
    public static ImageSanitizeResult Refused(ImageProblem problem) => new(null, problem);

    public override string ToString() => Succeeded ? $"{Image.ContentType} {Image.Width}x{Image.Height}" : $"refused: {Problem}";
}
