namespace CampaignEngine.Offers;

/// <summary>
/// A campaign's follow-up offer: the mail's subject and message (a Scriban template of the marketer's, its output always
/// treated as text), when it goes out, until when its codes are good, and the hash of the staff PIN that redeems them.
/// </summary>
/// <param name="LinkBase">Where links in its mails point when <c>CampaignEngine:PublicBaseUrl</c> is unset: the public
/// origin the offer was saved through (mail is sent by a queue function, which has no request to ask).</param>
public sealed record Offer(
    string Subject,
    string Message,
    string SendWhen,
    DateTimeOffset? ExpiresAt,
    string? StaffPinHash,
    string LinkBase,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SentAt = null)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;
}

public static class OfferSendWhen
{
    /// <summary>Right after taking part: the code is on the thank-you page and in a mail at once.</summary>
    public const string AfterTakingPart = "afterTakingPart";

    /// <summary>When the campaign closes (its end time, or closed by hand): every contact whose consent to offers holds then.</summary>
    public const string AtClose = "atClose";

    public static readonly IReadOnlyList<string> Supported = [AfterTakingPart, AtClose];
}
