using System.Security.Cryptography;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Messaging;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Voting;

/// <summary>
/// The accept side of a vote: checks it against the campaign and the voter's allowance, then
/// hands it (and any consented contact details) to the queues. It answers only after both are
/// durably enqueued, so a receipt always stands for a vote that will be counted.
/// </summary>
public sealed class VoteAcceptor(
    VoterCookies cookies,
    VoterLedger ledger,
    RecentVotes recent,
    OutboundQueues queues,
    TimeProvider time,
    ILogger<VoteAcceptor> logger)
{
    public async Task<VoteOutcome> AcceptAsync(Campaign campaign, VoteInput input, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (campaign.AvailabilityAt(now))
        {
            case Availability.Hidden: return VoteOutcome.Refused(VoteRefusal.NotFound);
            case Availability.NotStarted: return VoteOutcome.Refused(VoteRefusal.NotStarted);
            case Availability.Closed: return VoteOutcome.Refused(VoteRefusal.Closed);
        }

        if (campaign.FindOption(input.OptionId) is not { } option)
        {
            return VoteOutcome.Refused(VoteRefusal.InvalidOption, new Dictionary<string, string[]>
            {
                ["optionId"] = [input.OptionId is null ? "Choose an option." : "This option is not part of the poll."],
            });
        }

        var contact = ContactRules.Check(campaign, input);
        if (contact.Refusal is { } contactRefusal)
        {
            return VoteOutcome.Refused(contactRefusal, contact.Errors);
        }

        var deviceId = cookies.ReadDevice(http.Request);
        var returning = deviceId is not null;
        deviceId ??= VoterCookies.NewDeviceId();
        var voterKey = cookies.VoterKey(campaign.Slug, deviceId);
        var period = VoteKeys.PeriodKey(campaign.Rules.Period, now);
        var shard = VoteKeys.ShardOf(voterKey, campaign.Shards);
        var partition = VoteKeys.Partition(campaign.Slug, shard);

        var used = cookies.ReadUsed(http.Request, campaign.Slug, deviceId, period) ?? 0;
        var taken = returning && used == 0
            ? await ledger.GetUsedSlotsAsync(partition, voterKey, period, cancellationToken)
            : [];
        var slot = VoteAllowance.NextSlot(campaign.Rules.VotesPerVoter, used, taken,
            n => recent.TryClaim(partition, VoteKeys.VoteRow(voterKey, period, n)));
        if (slot is null)
        {
            return VoteOutcome.Refused(VoteRefusal.LimitReached);
        }

        var receipt = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
        var vote = new VoteAccepted(receipt, campaign.Slug, option.Id, voterKey, period, slot.Value, shard, now);
        try
        {
            var sends = new List<Task> { queues.Votes.SendAsync(vote) };
            if (contact.Submission is { } submission)
            {
                sends.Add(queues.Contacts.SendAsync(submission with { Receipt = receipt, At = now }));
            }
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            recent.Release(partition, vote.RowKey);
            logger.LogError(ex, "Could not enqueue a vote for {Campaign}", campaign.Slug);
            return VoteOutcome.Refused(VoteRefusal.Unavailable);
        }

        if (!returning) cookies.WriteDevice(http.Response, deviceId);
        cookies.WriteUsed(http.Response, campaign.Slug, deviceId, period, Math.Max(used, slot.Value));
        return VoteOutcome.Accepted(receipt);
    }
}
