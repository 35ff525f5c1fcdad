using CampaignEngine.Contacts;
using CampaignEngine.Mail;
using CampaignEngine.Messaging;

namespace CampaignEngine.Offers;

/// <summary>
/// Right after taking part: each contact that consented to offers, in a campaign whose offer goes out then, gets a code
/// from the pool (or is told kindly that none are left) and its mail is queued. Unsubscribed contacts get nothing.
/// </summary>
public sealed class OfferFollowUp(OfferStore offers, CodePool pool, ContactKeys keys, Suppressions suppressions, OutboundQueues queues,
    TimeProvider time, ILogger<OfferFollowUp> logger) : IContactFollowUp
{
    public async Task CapturedAsync(IReadOnlyList<ContactSubmitted> contacts, CancellationToken cancellationToken)
    {
        foreach (var campaign in contacts.GroupBy(c => c.Slug))
        {
            var offer = await offers.GetAsync(campaign.Key, cancellationToken);
            if (offer is null || offer.SendWhen != OfferSendWhen.AfterTakingPart || offer.IsExpiredAt(time.GetUtcNow())) continue;

            var claimants = campaign.Select(c => new Claimant(keys.Of(c.Email), c.Receipt)).DistinctBy(c => c.ContactKey).ToList();
            var suppressed = await Task.WhenAll(claimants.Select(c => suppressions.IsSuppressedAsync(c.ContactKey, cancellationToken)));
            claimants = claimants.Where((_, i) => !suppressed[i]).ToList();
            if (claimants.Count == 0) continue;

            var assignments = await pool.AssignAsync(campaign.Key, claimants, cancellationToken);
            await Task.WhenAll(assignments.Where(a => a.EmailedAt is null)
                .Select(a => queues.Emails.SendAsync(new EmailJob(OfferEmail.TypeName, campaign.Key, a.ContactKey))));
            logger.LogInformation("Offer of {Campaign}: {Assigned} contacts have a code, {Missed} found the pool empty",
                campaign.Key, assignments.Count(a => !a.Missed), assignments.Count(a => a.Missed));
        }
    }
}
