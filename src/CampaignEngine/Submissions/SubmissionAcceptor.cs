using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.FairPlay;
using CampaignEngine.FairPlay.Captcha;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.Kinds;
using CampaignEngine.Messaging;
using CampaignEngine.Review;

namespace CampaignEngine.Submissions;

/// <summary>
/// The accept side of every submission: checks it against the campaign, the kind's action and the
/// participant's allowance, then hands it (and any contact details the contact rules keep) to the queues. It
/// answers only after both are durably enqueued, so a receipt always stands for a submission that
/// will be counted.
/// </summary>
public sealed class SubmissionAcceptor(
    VoterCookies cookies,
    VoterLedger ledger,
    RecentVotes recent,
    NetworkLimiter networks,
    DeviceActivity devices,
    ChallengeGate challenges,
    CampaignKinds kinds,
    CaptchaGate captchas,
    OutboundQueues queues,
    SubmissionUploads uploads,
    Drafts drafts,
    TimeProvider time,
    ILogger<SubmissionAcceptor> logger)
{
    public async Task<SubmissionOutcome> AcceptAsync(
        Campaign campaign, ISubmissionAction action, IFanInput input, string source, string? idempotencyKey, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (campaign.AvailabilityAt(now))
        {
            case Availability.Hidden or Availability.Archived: return SubmissionOutcome.Refused(SubmissionRefusal.NotFound);
            case Availability.NotStarted: return SubmissionOutcome.Refused(SubmissionRefusal.NotStarted);
            case Availability.Closed: return SubmissionOutcome.Refused(SubmissionRefusal.Closed);
        }

        var check = await action.CheckAsync(campaign, input, cancellationToken);
        if (check.Refusal is { } refused) return SubmissionOutcome.Refused(refused);
        if (check.IsStep)
        {
            await TakeStepAsync(campaign, check, now, http, cancellationToken);
            return SubmissionOutcome.Refused(SubmissionRefusal.NextStep);
        }
        if (check.Errors is { } invalid)
        {
            return SubmissionOutcome.Refused(SubmissionRefusal.InvalidInput, invalid.ToDictionary());
        }

        var contact = ContactRules.Check(campaign, input, source);
        if (contact.Refusal is { } contactRefusal)
        {
            return SubmissionOutcome.Refused(contactRefusal, contact.Errors);
        }

        var cookieDevice = cookies.ReadDevice(http.Request);
        var deviceId = cookieDevice ?? (idempotencyKey is null ? VoterCookies.NewDeviceId() : cookies.DeviceForRequest(idempotencyKey));
        // A cookieless idempotent request may be the retry of one whose answer (and cookie) was lost.
        var mayHaveTakenPart = cookieDevice is not null || idempotencyKey is not null;
        var participant = cookies.VoterKey(campaign.Slug, deviceId);
        var requestKey = idempotencyKey is null ? null : cookies.RequestKey(campaign.Slug, idempotencyKey);
        // A device minted for this request has made no attempt before; only known ones are tracked.
        var attempts = mayHaveTakenPart ? devices.Record(campaign.Slug, participant) : 1;
        var rule = action.AllowanceOf(campaign);
        var solution = challenges.Read(campaign, cookieDevice, http.Request);
        // A challenge issued with its device stands for that device's first submission: every use of it
        // is routed to slot 1 of the period it was issued in, so the tally's row key keeps it to one count
        // on every instance, without a ledger lookup or a single-use row. A kind with several actions could
        // spend it once per action that way, so those take the single-use table like any other challenge.
        var firstOfDevice = solution.VouchesForNewDevice && kinds.Get(campaign.Kind).Actions.Count == 1;
        var period = rule.PeriodKey(firstOfDevice ? solution.Challenge!.IssuedAt : now, CampaignTime.Zone(campaign.TimeZone), check.Data!);
        var shard = SubmissionKeys.ShardOf(participant, campaign.Shards);
        var partition = SubmissionKeys.Partition(campaign.Slug, shard);

        var used = cookies.ReadUsed(http.Request, campaign.Slug, action.Code, deviceId, period) ?? 0;
        // Only a retry needs the ledger then: to find the receipt its first attempt was given.
        var counted = mayHaveTakenPart && (firstOfDevice ? requestKey is not null : used == 0 || requestKey is not null)
            ? await ledger.GetCountedSlotsAsync(partition, action.Code, participant, period, cancellationToken)
            : [];
        if (requestKey is not null && counted.FirstOrDefault(s => s.RequestKey == requestKey) is { } earlier)
        {
            // This request's submission is already counted: answer as the first time, count nothing new.
            return Answer(http, campaign, action, deviceId, cookieDevice is null, period, Math.Max(used, earlier.Slot),
                cookies.Receipt(action.Code, participant, period, earlier.Slot), check.Data);
        }

        var freshClaim = false;
        // A retry whose first attempt's answer (and cookie) did arrive, before the tally wrote it: its slot is among those
        // the cookie counts as used, claimed here under its key.
        var retriedSlot = requestKey is null || used == 0 ? null
            : recent.SlotClaimedBy(partition, n => SubmissionKeys.Row(action.Code, participant, period, n), Math.Min(used, rule.PerParticipant), requestKey);
        var sharedClaim = retriedSlot is not null;
        IReadOnlyCollection<int> taken = counted.Count == 0 ? [] : counted.Select(s => s.Slot).ToHashSet();
        var slot = retriedSlot ?? Allowance.NextSlot(firstOfDevice ? 1 : rule.PerParticipant, used, taken, n =>
        {
            // A device id minted for this very request is nobody else's: no claim to race for.
            if (!mayHaveTakenPart) return true;
            var claim = recent.TryClaim(partition, SubmissionKeys.Row(action.Code, participant, period, n), requestKey);
            freshClaim = claim == SlotClaim.New;
            sharedClaim = claim == SlotClaim.Shared;
            return claim != SlotClaim.Taken;
        });
        if (slot is null)
        {
            // Slot 1 is gone: this device's first challenge was spent, here or by a vote this device's cookie remembers.
            return firstOfDevice
                ? SubmissionOutcome.Refused(SubmissionRefusal.Challenge, ChallengeErrors.For(ChallengeState.Reused, campaign))
                : SubmissionOutcome.Refused(SubmissionRefusal.LimitReached);
        }

        var caps = await ClaimCapsAsync(rule, partition, action.Code, participant, requestKey, mayHaveTakenPart, sharedClaim, now, campaign, cancellationToken);
        if (caps.Refused is { } cap)
        {
            if (freshClaim) recent.Release(partition, SubmissionKeys.Row(action.Code, participant, period, slot.Value));
            return SubmissionOutcome.Refused(cap.Period == VotingPeriod.Day ? SubmissionRefusal.DailyLimitReached : SubmissionRefusal.LimitReached,
                detail: CapDetail(cap));
        }

        // A retry that shares its first attempt's claim was counted with that attempt.
        var proof = await challenges.CheckAsync(campaign, action.Code, solution, requestKey, count: !sharedClaim, spend: !firstOfDevice, http,
            cancellationToken);
        var unsolvedWork = campaign.Protection.ProofOfWork is not null && proof.State == ChallengeState.Missing;
        // One fallback count per submission: an unsolved challenge has taken it already.
        var captcha = proof.Refused
            ? CaptchaVerdict.Off
            : await captchas.CheckAsync(campaign, action.Code, participant, requestKey, count: !sharedClaim && !unsolvedWork, http, cancellationToken);
        var network = sharedClaim || proof.Refused || captcha.Refused ? default : networks.TryTake(campaign, action.Code, http);
        if (proof.Refused || captcha.Refused || network.Refused)
        {
            if (freshClaim) recent.Release(partition, SubmissionKeys.Row(action.Code, participant, period, slot.Value));
            caps.Release(recent, partition);
            networks.Return(proof.Fallback);
            networks.Return(captcha.Fallback);
            return Refusal(http, campaign, proof, captcha, network, mayHaveTakenPart ? participant : null);
        }

        // Last, so nothing refused after it holds a share of a limit every fan shares; a retry sharing its first
        // attempt's claim holds that attempt's share already.
        Reservation? reservation = null;
        SubmissionRefusal? unreserved = null;
        try
        {
            reservation = sharedClaim ? null : await action.ReserveAsync(campaign, check.Data!, cancellationToken);
            if (reservation is { Refused: true }) unreserved = SubmissionRefusal.Full;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not reserve a submission's share of a limit for {Campaign}", campaign.Slug);
            unreserved = SubmissionRefusal.Unavailable;
        }
        if (unreserved is { } refusal)
        {
            if (freshClaim) recent.Release(partition, SubmissionKeys.Row(action.Code, participant, period, slot.Value));
            caps.Release(recent, partition);
            networks.Return(network);
            networks.Return(proof.Fallback);
            networks.Return(captcha.Fallback);
            return SubmissionOutcome.Refused(refusal);
        }
        var data = reservation?.Data ?? check.Data!;
        var receipt = cookies.Receipt(action.Code, participant, period, slot.Value);
        var signals = SuspicionSignals.Of(http.Request.Headers.UserAgent, campaign.Review, network.NetworkCount, attempts,
            unsolved: unsolvedWork || captcha.State == CaptchaState.Missing,
            challengeFailed: mayHaveTakenPart && devices.FailedChallengeLately(campaign.Slug, participant));
        // Held or counted, the fan is answered alike: telling a script it was spotted teaches it what to change.
        var held = signals is not null && campaign.Review.HoldSuspect;
        var submission = new SubmissionAccepted(receipt, campaign.Slug, action.Code, data, participant, period, slot.Value, shard, now, requestKey,
            signals, held, caps.Slots);
        try
        {
            // The files first: a queued submission whose upload is missing would be counted without it.
            if (check.Attachments is { Count: > 0 } attachments) await uploads.StoreAsync(campaign.Slug, receipt, attachments, cancellationToken);
            var sends = new List<Task> { queues.Votes.SendAsync(submission) };
            if (contact.Submission is { } details)
            {
                sends.Add(queues.Contacts.SendAsync(details with { Receipt = receipt, At = now }));
            }
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            // A shared claim belongs to an earlier attempt of this request, which may have succeeded.
            if (freshClaim) recent.Release(partition, submission.RowKey);
            caps.Release(recent, partition);
            networks.Return(network);
            networks.Return(proof.Fallback);
            networks.Return(captcha.Fallback);
            if (reservation?.Release is { } release) await ReleaseAsync(release, campaign.Slug);
            logger.LogError(ex, "Could not enqueue a submission for {Campaign}", campaign.Slug);
            return SubmissionOutcome.Refused(SubmissionRefusal.Unavailable);
        }

        // The fan's draft has become their submission; nothing of it stays.
        if (action.KeepsDrafts && cookieDevice is not null) await drafts.DeleteAsync(campaign.Slug, participant, cancellationToken);
        return Answer(http, campaign, action, deviceId, cookieDevice is null, period, Math.Max(used, slot.Value), receipt, data)
            with { OffersAsked = contact.Submission is { Marketing: true } };
    }

    /// <summary>Gives a reservation back; one that cannot be leaves the limit a share short, never over.</summary>
    private async Task ReleaseAsync(Func<Task> release, string slug)
    {
        try
        {
            await release();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not give back a reservation for {Campaign}", slug);
        }
    }

    /// <summary>What a step leaves: the start it records, and the draft this device can come back to.</summary>
    private async Task TakeStepAsync(Campaign campaign, SubmissionCheck check, DateTimeOffset now, HttpContext http, CancellationToken cancellationToken)
    {
        var cookieDevice = cookies.ReadDevice(http.Request);
        var deviceId = cookieDevice ?? VoterCookies.NewDeviceId();
        var cookieSet = cookieDevice is not null;
        if (check.Starts is { } start) cookieSet |= await RecordStartAsync(campaign, start, deviceId, !cookieSet, now, http, cancellationToken);
        if (check.Draft is not { } draft) return;
        if (!cookieSet) cookies.WriteDevice(http.Response, deviceId);
        await drafts.SaveAsync(campaign.Slug, cookies.VoterKey(campaign.Slug, deviceId), draft, cancellationToken);
    }

    /// <summary>
    /// Records the start a step makes (a survey's first Next): once per device and allowance slot, by its row key like
    /// any submission, but without the fair-play checks, since it grants nothing (stuffing starts only lowers a
    /// completion rate) and the step carries no challenge. A queue that does not answer costs the figure, not the fan.
    /// </summary>
    /// <returns>Whether it set the device cookie.</returns>
    private async Task<bool> RecordStartAsync(
        Campaign campaign, StepStart start, string deviceId, bool newDevice, DateTimeOffset now, HttpContext http, CancellationToken cancellationToken)
    {
        var action = start.Action;
        var rule = action.AllowanceOf(campaign);
        var period = rule.PeriodKey(now, CampaignTime.Zone(campaign.TimeZone), start.Data);
        var used = newDevice ? 0 : cookies.ReadUsed(http.Request, campaign.Slug, action.Code, deviceId, period) ?? 0;
        if (used >= rule.PerParticipant) return false;
        var participant = cookies.VoterKey(campaign.Slug, deviceId);
        var slot = used + 1;
        var receipt = cookies.Receipt(action.Code, participant, period, slot);
        var submission = new SubmissionAccepted(receipt, campaign.Slug, action.Code, start.Data, participant, period, slot,
            SubmissionKeys.ShardOf(participant, campaign.Shards), now);
        try
        {
            await queues.Votes.SendAsync(submission).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record a start for {Campaign}", campaign.Slug);
            return false;
        }
        Answer(http, campaign, action, deviceId, newDevice, period, slot, receipt, start.Data);
        return newDevice;
    }

    /// <summary>
    /// A slot of each of the rule's caps: the slots counted in storage (a device minted for this request has none) and
    /// those this instance gave out lately are taken; the first free one is claimed. The
    /// projection writes a row per slot beside the submission's, so another instance giving out the same slot at the
    /// same moment gets its submission left uncounted, never counted over the cap.
    /// </summary>
    private async Task<CapClaims> ClaimCapsAsync(
        AllowanceRule rule, string partition, string code, string participant, string? requestKey, bool mayHaveTakenPart, bool retry,
        DateTimeOffset now, Campaign campaign, CancellationToken cancellationToken)
    {
        if (rule.Caps is not { Count: > 0 } rules) return CapClaims.None;
        var claims = new CapClaims([], []);
        foreach (var cap in rules)
        {
            var period = cap.PeriodKey(now, CampaignTime.Zone(campaign.TimeZone));
            // A retry holds the cap slots its first attempt claimed here. Looking in storage instead could find them
            // taken (by that attempt, tallied since its own row was looked for) and refuse the retry as over the cap.
            if (retry && requestKey is not null
                && recent.SlotClaimedBy(partition, n => SubmissionKeys.Row(code, participant, period, n), cap.PerParticipant, requestKey) is { } own)
            {
                claims.Slots!.Add(new CapSlot(period, own));
                continue;
            }
            IReadOnlyCollection<int> taken = mayHaveTakenPart
                ? (await ledger.GetCountedSlotsAsync(partition, code, participant, period, cancellationToken)).Select(s => s.Slot).ToHashSet()
                : [];
            var fresh = false;
            // Claimed even for a device minted for this request: no cookie counts cap slots, so the claim is what
            // tells this device's next vote (before the tally has written this one) that the slot is gone.
            var slot = Allowance.NextSlot(cap.PerParticipant, 0, taken, n =>
            {
                var claim = recent.TryClaim(partition, SubmissionKeys.Row(code, participant, period, n), requestKey);
                fresh = claim == SlotClaim.New;
                return claim != SlotClaim.Taken;
            });
            if (slot is null)
            {
                claims.Release(recent, partition);
                return new CapClaims(null, [], cap);
            }
            claims.Slots!.Add(new CapSlot(period, slot.Value));
            if (fresh) claims.Fresh.Add(SubmissionKeys.Row(code, participant, period, slot.Value));
        }
        return claims;
    }

    private static string CapDetail(AllowanceCap cap) => cap.Period == VotingPeriod.Day
        ? $"You have used all {cap.PerParticipant} of today's votes (across every entry); you can vote again tomorrow."
        : $"You have used all {cap.PerParticipant} of your votes in this campaign (across every entry).";

    /// <summary>The cap slots a submission holds, those claimed by this request (to give back if it fails), or the cap it is over.</summary>
    private sealed record CapClaims(List<CapSlot>? Slots, List<string> Fresh, AllowanceCap? Refused = null)
    {
        public static readonly CapClaims None = new(null, []);

        public void Release(RecentVotes recent, string partition)
        {
            foreach (var row in Fresh) recent.Release(partition, row);
        }
    }

    /// <param name="participant">Null for a device minted for this request, which has no history to mark.</param>
    private SubmissionOutcome Refusal(
        HttpContext http, Campaign campaign, ChallengeVerdict proof, CaptchaVerdict captcha, NetworkTicket network, string? participant)
    {
        if ((proof.RetryAfter ?? captcha.RetryAfter ?? network.RetryAfter) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((long)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return SubmissionOutcome.Refused(SubmissionRefusal.NetworkLimit);
        }
        // The provider being down says nothing about the fan.
        if (captcha.State == CaptchaState.Unavailable)
        {
            return SubmissionOutcome.Refused(SubmissionRefusal.CaptchaUnavailable, CaptchaErrors.For(captcha.State, campaign));
        }
        if (participant is not null) devices.ChallengeFailed(campaign.Slug, participant);
        return proof.Refused
            ? SubmissionOutcome.Refused(SubmissionRefusal.Challenge, ChallengeErrors.For(proof.State, campaign))
            : SubmissionOutcome.Refused(SubmissionRefusal.Captcha, CaptchaErrors.For(captcha.State, campaign));
    }

    private SubmissionOutcome Answer(
        HttpContext http, Campaign campaign, ISubmissionAction action, string deviceId, bool newCookie, string period, int used, string receipt,
        string? data)
    {
        if (newCookie) cookies.WriteDevice(http.Response, deviceId);
        cookies.WriteUsed(http.Response, campaign.Slug, action.Code, deviceId, period, used, data);
        return SubmissionOutcome.Accepted(receipt);
    }
}
