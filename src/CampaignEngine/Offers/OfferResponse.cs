using System.ComponentModel;

namespace CampaignEngine.Offers;

/// <summary>A campaign's offer as the API shows it, with its pool's figures.</summary>
public sealed record OfferResponse(
    string Subject,
    string Message,
    string SendWhen,
    DateTimeOffset? ExpiresAt,
    [property: Description("Whether a staff PIN is set (the PIN itself is never shown).")] bool HasStaffPin,
    DateTimeOffset UpdatedAt,
    [property: Description("The pool: codes imported, left to give, given to contacts, contacts who found it empty, redeemed in store.")] PoolStats Codes,
    [property: Description("When the close-time send finished (atClose offers; null until then).")] DateTimeOffset? SentAt)
{
    public static OfferResponse Of(Offer offer, PoolStats stats) =>
        new(offer.Subject, offer.Message, offer.SendWhen, offer.ExpiresAt, offer.StaffPinHash is not null, offer.UpdatedAt, stats, offer.SentAt);
}

/// <summary>What an upload or a generation put into the pool, and what it left out.</summary>
public sealed record CodeImportReport(
    [property: Description("Codes added to the pool.")] int Imported,
    [property: Description("Blank lines skipped.")] int BlankLines,
    [property: Description("Codes left out because they came earlier in the same list.")] int Repeats,
    [property: Description("Codes left out because the pool has had them before.")] int AlreadyInPool,
    [property: Description("The first 100 codes or lines left out, and why.")] IReadOnlyList<SkippedCode> Skipped,
    [property: Description("The pool after the import.")] PoolStats Codes);

public sealed record SkippedCode(int? Line, string? Code, string Reason);
