using CampaignEngine.Campaigns;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>What the gate decided: go on (with a fallback count to give back if the submission is not queued), or refuse.</summary>
/// <summary>
/// A submission's solution as read and checked without storage: <see cref="ChallengeState.Valid"/> with its
/// challenge when it is good so far (single use is still to be checked), else what is wrong with it. The
/// default is a campaign without proof of work.
/// </summary>
public readonly record struct ChallengeSolution(ChallengeState State, IssuedChallenge? Challenge)
{
    /// <summary>
    /// A good solution to a challenge issued together with the device it is bound to. Single use makes that
    /// true of at most one submission per device, and the tally's row keys stay the final word on counting.
    /// </summary>
    public bool VouchesForNewDevice => Challenge is { NewDevice: true };
}

public readonly record struct ChallengeVerdict(ChallengeState State, TimeSpan? RetryAfter, NetworkTicket Fallback)
{
    public static readonly ChallengeVerdict Off = new(ChallengeState.Valid, null, default);

    /// <summary>A bad solution (<see cref="State"/> says which), or the fallback limit is full (<see cref="RetryAfter"/>).</summary>
    public bool Refused => RetryAfter is not null || State is not (ChallengeState.Valid or ChallengeState.Missing);
}

/// <summary>
/// The accept side of a campaign's proof-of-work challenge, for any kind's action. A submission that
/// carries a solution must carry a good one: signed for this campaign and this device, not expired,
/// as hard as the campaign asks, solved, and never used before (a conditional insert in storage, so
/// the last holds across instances). One without a solution is taken under the stricter fallback: at
/// most <see cref="ProofOfWorkSettings.UnsolvedPerNetwork"/> from one network. Campaigns without
/// proof of work pay nothing.
/// </summary>
public sealed class ChallengeGate(ChallengeTokens tokens, ChallengeStore store, ChallengeSweeper sweeper, NetworkLimiter networks, ILogger<ChallengeGate> logger)
{
    /// <summary>How JSON clients send a solution: <c>Challenge-Solution: {challenge}:{nonce}</c>.</summary>
    public const string Header = "Challenge-Solution";

    /// <summary>How forms send one: the page's script adds these hidden fields.</summary>
    public const string ChallengeField = "ce_challenge";
    public const string NonceField = "ce_nonce";

    /// <summary>
    /// Unsolved submissions are counted as an action of their own (so the sync shares them between
    /// instances like any limit); never with '|', which the sync's row keys split on.
    /// </summary>
    public static string FallbackAction(string action) => action + "~unsolved";

    /// <summary>
    /// Reads and checks the submission's solution without storage (the signature, the expiry, the
    /// difficulty, the hash), before anything else is looked up: a good solution to a challenge issued
    /// with a new device spares the acceptor the ledger (<see cref="ChallengeSolution.VouchesForNewDevice"/>).
    /// </summary>
    /// <param name="deviceId">The device cookie's id (null without one: no challenge can be bound to it).</param>
    public ChallengeSolution Read(Campaign campaign, string? deviceId, HttpRequest request)
    {
        if (campaign.Protection.ProofOfWork is not { } work) return default;
        var (token, nonce) = SolutionOf(request);
        if (token is null && nonce is null) return new ChallengeSolution(ChallengeState.Missing, null);
        var state = Check(campaign.Slug, deviceId, token, nonce, work.Difficulty, out var challenge);
        return new ChallengeSolution(state, state == ChallengeState.Valid ? challenge : null);
    }

    /// <param name="solution">What <see cref="Read"/> found in this request.</param>
    /// <param name="count">False for a retry that shares its first attempt's claim, which was counted then.</param>
    /// <param name="spend">
    /// False when the acceptor keeps the solution to one use itself (a device's first challenge, routed to its
    /// first slot); true to record it in the single-use table.
    /// </param>
    public async Task<ChallengeVerdict> CheckAsync(
        Campaign campaign, string action, ChallengeSolution solution, string? requestKey, bool count, bool spend, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (campaign.Protection.ProofOfWork is not { } work) return ChallengeVerdict.Off;
        if (solution.State == ChallengeState.Missing)
        {
            if (!count) return new ChallengeVerdict(ChallengeState.Missing, null, default);
            var fallback = networks.TryTake(campaign, FallbackAction(action), new ProtectionSettings(null, work.UnsolvedPerNetwork), http);
            if (fallback.Refused) logger.LogInformation("Refused an unsolved submission to {Campaign}: its network's fallback limit is reached", campaign.Slug);
            return new ChallengeVerdict(ChallengeState.Missing, fallback.RetryAfter, fallback);
        }

        var state = solution.State;
        if (solution.Challenge is { } challenge && spend)
        {
            sweeper.NoteUse();
            if (!await store.TryUseAsync(campaign.Slug, challenge, requestKey, cancellationToken)) state = ChallengeState.Reused;
        }
        if (state != ChallengeState.Valid) logger.LogInformation("Refused a submission to {Campaign}: challenge {State}", campaign.Slug, state);
        return new ChallengeVerdict(state, null, default);
    }

    private ChallengeState Check(string slug, string? deviceId, string? token, string? nonce, int difficulty, out IssuedChallenge? challenge)
    {
        challenge = null;
        // Half a solution is a broken client, not a fan without JavaScript.
        if (token is null || nonce is null || deviceId is null) return ChallengeState.Invalid;
        var state = tokens.Check(slug, deviceId, token, out challenge);
        if (state != ChallengeState.Valid) return state == ChallengeState.Missing ? ChallengeState.Invalid : state;
        if (challenge!.Difficulty < difficulty) return ChallengeState.TooEasy;
        return ProofOfWork.IsSolved(token, nonce, challenge.Difficulty) ? ChallengeState.Valid : ChallengeState.WrongSolution;
    }

    /// <summary>The header if sent, else the form's fields (already read by the endpoint).</summary>
    private static (string? Token, string? Nonce) SolutionOf(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            var colon = header.LastIndexOf(':');
            return colon < 0 ? (header, null) : (header[..colon], header[(colon + 1)..]);
        }
        // Never read the body here: the endpoint has (or the submission was JSON).
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form) return (null, null);
        return (Blank(form[ChallengeField].ToString()), Blank(form[NonceField].ToString()));
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
