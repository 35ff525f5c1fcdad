using CampaignEngine.Kinds;
using CampaignEngine.Media;

namespace CampaignEngine.Contests;

/// <summary>
/// The photo of an entry on the accept path: present or not as the contest's entry type asks, and proven to decode
/// (<see cref="ImageSanitizer.Validate"/>) before the fan is answered; the re-encoding waits for the queue function
/// (<see cref="EntryImageFunction"/>). Each refusal has an API message and a key for the fan page's localized one.
/// </summary>
public static class EntryPhotos
{
    public const string Field = "photo";
    public const string Attachment = "photo";

    /// <summary>What a photo may be as sent: the upload limits every image of the engine has.</summary>
    public static readonly ImageLimits Upload = new();

    /// <summary>What the gallery serves: a display size for the entry page and share cards, a thumbnail for the gallery (2x of its cards).</summary>
    public static readonly ImageLimits Display = new(MaxEdge: 1600);
    public const int ThumbnailEdge = 480;

    // A decode of a big PNG or WebP holds its full pixels for a moment: at most a few at once per instance.
    private static readonly SemaphoreSlim Decoding = new(Math.Max(2, Environment.ProcessorCount));

    private static readonly IReadOnlyDictionary<string, string> LocaleKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Missing] = "error_photo_missing",
        [NotTaken] = "error_photo_not_taken",
        [Message(ImageProblem.Empty)] = "error_photo_missing",
        [Message(ImageProblem.TooLarge)] = "error_photo_too_large",
        [Message(ImageProblem.TooManyPixels)] = "error_photo_too_many_pixels",
        [Message(ImageProblem.UnsupportedType)] = "error_photo_type",
        [Message(ImageProblem.Corrupt)] = "error_photo_unreadable",
    };

    public const string Missing = "Add a photo: this contest's entries are photos.";
    public const string NotTaken = "This contest's entries have no photo; send the title and caption only.";

    public static string Message(ImageProblem problem) => problem switch
    {
        ImageProblem.Empty => "The photo is empty.",
        ImageProblem.TooLarge => $"The photo is too large: at most {Upload.MaxBytes / (1024 * 1024)} MB.",
        ImageProblem.TooManyPixels => $"The photo has too many pixels: at most {Upload.MaxPixels / 1_000_000} megapixels.",
        ImageProblem.UnsupportedType => "Send the photo as a JPEG, PNG or WebP file.",
        _ => "The photo could not be read: the file is damaged or incomplete.",
    };

    /// <summary>The fan page's string for an API message of this field (the missing one when it is not known).</summary>
    public static string LocaleKeyOf(string message) => LocaleKeys.GetValueOrDefault(message, "error_photo_unreadable");

    /// <summary>
    /// Checks the photo against the contest; adds the refusal to <paramref name="errors"/>, or returns the attachment
    /// (null when the entry has no photo and needs none).
    /// </summary>
    public static async ValueTask<Attachment?> CheckAsync(ContestSettings contest, EntryRequest entry, FieldErrors errors, CancellationToken cancellationToken)
    {
        // Not `ReadOnlyMemory<byte>? bytes = entry.Photo`: a null array converts to an empty memory, which is not null.
        ReadOnlyMemory<byte>? bytes = null;
        if (entry.Photo is { } sent) bytes = sent;
        if (contest.EntryType == EntryType.Text)
        {
            if (bytes is { IsEmpty: false }) errors.Add(Field, NotTaken);
            return null;
        }
        if (bytes is not { IsEmpty: false } photo)
        {
            if (contest.EntryType == EntryType.Photo) errors.Add(Field, Missing);
            return null;
        }

        await Decoding.WaitAsync(cancellationToken);
        ImageProblem? problem;
        try
        {
            problem = ImageSanitizer.Validate(photo, Upload);
        }
        finally
        {
            Decoding.Release();
        }
        if (problem is { } refused)
        {
            errors.Add(Field, Message(refused));
            return null;
        }
        return new Attachment(Attachment, photo, ContentTypeOf(photo.Span));
    }

    private static string ContentTypeOf(ReadOnlySpan<byte> bytes) => ImageHeader.Sniff(bytes) switch
    {
        ImageKind.Png => SanitizedImage.Png,
        ImageKind.WebP => SanitizedImage.WebP,
        _ => SanitizedImage.Jpeg,
    };
}
