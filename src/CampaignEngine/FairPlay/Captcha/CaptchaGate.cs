using CampaignEngine.Campaigns;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Captcha;

public enum CaptchaState
{
    Off,
    Passed,
    /// <summary>No token: the fan's browser ran no script (the fallback limit applies).</summary>
    Missing,
    /// <summary>The provider refused it, or it is malformed.</summary>
    Failed,
    /// <summary>The provider accepted it, but it was used here before (each counts once).</summary>
    Reused,
    /// <summary>The provider could not be asked; nothing is counted and the fan may try again.</summary>
    Unavailable,
}

/// <summary>What the gate decided, with the fallback count to give back if the submission is not queued.</summary>
public readonly record struct CaptchaVerdict(CaptchaState State, TimeSpan? RetryAfter, NetworkTicket Fallback)
{
    public static readonly CaptchaVerdict Off = new(CaptchaState.Off, null, default);

    public bool Refused => RetryAfter is not null || State is CaptchaState.Failed or CaptchaState.Reused or CaptchaState.Unavailable;
}

/// <summary>
/// The accept side of a campaign's CAPTCHA, for any kind's action: a token from the provider's widget
/// (form) or the <see cref="Header"/> (JSON) is verified with the provider, then its keyed hash is
/// written to the single-use table the proof-of-work challenges use, so a replay is refused however
/// often the provider would accept it. Without a token the stricter per-network fallback applies, as
/// for an unsolved challenge. Campaigns without CAPTCHA pay nothing.
/// </summary>
public sealed class CaptchaGate(
    CaptchaKeys keys, CaptchaVerifier verifier, ChallengeStore store, ChallengeSweeper sweeper, NetworkLimiter networks, VoterCookies cookies,
    IOptions<ChallengeOptions> challenges, IOptions<CaptchaOptions> options, TimeProvider time, ILogger<CaptchaGate> logger)
{
    private static readonly TimeSpan RetryPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>How JSON clients send the widget's token.</summary>
    public const string Header = "Captcha-Token";

    public const int MaxTokenLength = 4096;

    /// <param name="participant">The submitting device's key: a retry is the same Idempotency-Key from the same device.</param>
    /// <param name="count">False when the fallback was already taken for this submission (a retry sharing its claim, or an unsolved challenge).</param>
    public async Task<CaptchaVerdict> CheckAsync(
        Campaign campaign, string action, string participant, string? requestKey, bool count, HttpContext http, CancellationToken cancellationToken)
    {
        if (campaign.Protection.Captcha is not { } settings) return CaptchaVerdict.Off;
        if (keys.Find(settings.Provider) is not { } captcha)
        {
            // Keys removed from the engine after the campaign named the provider: a setup fault, not the fan's.
            logger.LogError("Campaign {Campaign} asks for CAPTCHA provider {Provider}, which has no keys on this engine", campaign.Slug, settings.Provider);
            return new CaptchaVerdict(CaptchaState.Unavailable, null, default);
        }

        var token = TokenOf(http.Request, captcha.Provider);
        if (token is null)
        {
            if (!count) return new CaptchaVerdict(CaptchaState.Missing, null, default);
            var fallback = networks.TryTake(campaign, ChallengeGate.FallbackAction(action), new ProtectionSettings(null, settings.UnsolvedPerNetwork), http);
            if (fallback.Refused) logger.LogInformation("Refused a submission without CAPTCHA to {Campaign}: its network's fallback limit is reached", campaign.Slug);
            return new CaptchaVerdict(CaptchaState.Missing, fallback.RetryAfter, fallback);
        }

        var check = token.Length > MaxTokenLength
            ? CaptchaCheck.Failed
            : await verifier.VerifyAsync(captcha, token, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        // Keyed, so the table holds nothing a provider's token could be matched against; no provider's token outlives the lifetime.
        var id = WebEncoders.Base64UrlEncode(cookies.KeyedHash("captcha|" + token));
        // Bound to the device too: a token is bound to nothing, so a key alone would let one token pass for many devices.
        var retryKey = requestKey is null ? null : participant + "|" + requestKey;
        var state = check switch
        {
            CaptchaCheck.Passed => await TryUseAsync(campaign, id, retryKey, cancellationToken) ? CaptchaState.Passed : CaptchaState.Reused,
            CaptchaCheck.Seen => retryKey is not null && await EarlierAttemptPassedAsync(id, retryKey, cancellationToken) ? CaptchaState.Passed : CaptchaState.Reused,
            CaptchaCheck.Failed => CaptchaState.Failed,
            _ => CaptchaState.Unavailable,
        };
        if (state != CaptchaState.Passed) logger.LogInformation("Refused a submission to {Campaign}: CAPTCHA {State}", campaign.Slug, state);
        return new CaptchaVerdict(state, null, default);
    }

    private Task<bool> TryUseAsync(Campaign campaign, string id, string? retryKey, CancellationToken cancellationToken)
    {
        sweeper.NoteUse();
        return store.TryUseAsync(campaign.Slug, id, time.GetUtcNow() + challenges.Value.Lifetime, retryKey, cancellationToken);
    }

    /// <summary>
    /// A provider verifies a token once, so the retry of a request whose first attempt passed (its answer lost, or still
    /// on its way) learns that from the single-use row alone. Racing that attempt, the row may not be written yet: wait
    /// for it as long as the first attempt's verify call may take. Only a token the provider has seen gets here, and
    /// once its row exists the answer is immediate.
    /// </summary>
    private async Task<bool> EarlierAttemptPassedAsync(string id, string retryKey, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.VerifyTimeout + TimeSpan.FromSeconds(1);
        while (true)
        {
            if (await store.TakenByAsync(id, retryKey, time.GetUtcNow(), challenges.Value.Lifetime, cancellationToken) is { } taken) return taken;
            if (time.GetUtcNow() >= deadline) return false;
            await Task.Delay(RetryPoll, time, cancellationToken);
        }
    }

    /// <summary>The header if sent, else the provider's form field (the endpoint has read the form already).</summary>
    private static string? TokenOf(HttpRequest request, CaptchaProvider provider)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header) return header;
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form) return null;
        return form[provider.ResponseField].ToString() is { Length: > 0 } field ? field : null;
    }
}
