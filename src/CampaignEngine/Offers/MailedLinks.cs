using CampaignEngine.Contacts;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Offers;

/// <summary>
/// The signed links in an offer's mail: unsubscribe (<c>/l/u/{token}</c>) and redeem (<c>/l/r/{token}</c>), each naming
/// the campaign and the contact key. Links point at <c>CampaignEngine:PublicBaseUrl</c>, or where the offer was saved.
/// </summary>
public sealed class MailedLinks(SignedLinks links, IOptions<EngineOptions> options)
{
    public const string RedeemPurpose = "redeem";

    /// <summary>RFC 8058 asks for a link that keeps working a good while after the mail; well over the 60 days promised.</summary>
    public static readonly TimeSpan UnsubscribeValidFor = TimeSpan.FromDays(400);

    public string Base(Offer offer) => (options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : offer.LinkBase).TrimEnd('/');

    public string Unsubscribe(Offer offer, string slug, string contactKey) =>
        $"{Base(offer)}/l/u/{links.Create(UnsubscribeEndpoints.Purpose, SignedLinks.ContactPayload(slug, contactKey), UnsubscribeValidFor)}";

    /// <summary>Good until a month after the offer expires (staff can still see that it did), or as long as an unsubscribe link.</summary>
    public string Redeem(Offer offer, string slug, string contactKey, DateTimeOffset now) =>
        $"{Base(offer)}/l/r/{links.Create(RedeemPurpose, SignedLinks.ContactPayload(slug, contactKey), offer.ExpiresAt is { } e ? e - now + TimeSpan.FromDays(30) : UnsubscribeValidFor)}";
}
