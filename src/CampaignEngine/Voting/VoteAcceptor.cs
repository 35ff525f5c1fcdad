using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Messaging;

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

        var idempotencyKey = input.IdempotencyKey;
        var cookieDevice = cookies.ReadDevice(http.Request);
        var deviceId = cookieDevice ?? (idempotencyKey is null ? VoterCookies.NewDeviceId() : cookies.DeviceForRequest(idempotencyKey));
        // A cookieless idempotent request may be the retry of one whose answer (and cookie) was lost.
        var mayHaveVoted = cookieDevice is not null || idempotencyKey is not null;
        var voterKey = cookies.VoterKey(campaign.Slug, deviceId);
        var requestKey = idempotencyKey is null ? null : cookies.RequestKey(campaign.Slug, idempotencyKey);
        var period = VoteKeys.PeriodKey(campaign.Rules.Period, now);
        var shard = VoteKeys.ShardOf(voterKey, campaign.Shards);
        var partition = VoteKeys.Partition(campaign.Slug, shard);

        var used = cookies.ReadUsed(http.Request, campaign.Slug, deviceId, period) ?? 0;
        var counted = mayHaveVoted && (used == 0 || requestKey is not null)
            ? await ledger.GetCountedSlotsAsync(partition, voterKey, period, cancellationToken)
            : [];
        if (requestKey is not null && counted.FirstOrDefault(s => s.RequestKey == requestKey) is { } earlier)
        {
            // This request's vote is already counted: answer as the first time, count nothing new.
            return Answer(http, campaign, deviceId, cookieDevice is null, period, Math.Max(used, earlier.Slot),
                cookies.Receipt(voterKey, period, earlier.Slot));
        }

        var freshClaim = false;
        IReadOnlyCollection<int> taken = counted.Count == 0 ? [] : counted.Select(s => s.Slot).ToHashSet();
        var slot = VoteAllowance.NextSlot(campaign.Rules.VotesPerVoter, used, taken, n =>
        {
            // A device id minted for this very request is nobody else's: no claim to race for.
            if (!mayHaveVoted) return true;
            var claim = recent.TryClaim(partition, VoteKeys.VoteRow(voterKey, period, n), requestKey);
            freshClaim = claim == SlotClaim.New;
            return claim != SlotClaim.Taken;
        });
        if (slot is null)
        {
            return VoteOutcome.Refused(VoteRefusal.LimitReached);
        }

        var receipt = cookies.Receipt(voterKey, period, slot.Value);
        var vote = new VoteAccepted(receipt, campaign.Slug, option.Id, voterKey, period, slot.Value, shard, now, requestKey);
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
            // A shared claim belongs to an earlier attempt of this request, which may have succeeded.
            if (freshClaim) recent.Release(partition, vote.RowKey);
            logger.LogError(ex, "Could not enqueue a vote for {Campaign}", campaign.Slug);
            return VoteOutcome.Refused(VoteRefusal.Unavailable);
        }

        return Answer(http, campaign, deviceId, cookieDevice is null, period, Math.Max(used, slot.Value), receipt);
    }

    private VoteOutcome Answer(HttpContext http, Campaign campaign, string deviceId, bool newCookie, string period, int used, string receipt)
    {
        if (newCookie) cookies.WriteDevice(http.Response, deviceId);
        cookies.WriteUsed(http.Response, campaign.Slug, deviceId, period, used);
        return VoteOutcome.Accepted(receipt);
    }
}
