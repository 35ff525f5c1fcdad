namespace CampaignEngine.Media;

/// <summary>Why an upload was refused.</summary>
public enum ImageProblem
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>More bytes than <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The header declares more than <see cref="ImageLimits.MaxPixels"/> pixels (a decompression bomb, or just too big).</summary>
    TooManyPixels,

    /// <summary>Not JPEG, PNG or WebP by its magic bytes, whatever the client said it was.</summary>
    UnsupportedType,

    /// <summary>Looks like a supported type but does not decode completely.</summary>
    Corrupt,
}
