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
    IOptions<ChallengeOptions> challenges, TimeProvider time, ILogger<CaptchaGate> logger)
{
    /// <summary>How JSON clients send the widget's token.</summary>
    public const string Header = "Captcha-Token";

    public const int MaxTokenLength = 4096;

    /// <param name="count">False when the fallback was already taken for this submission (a retry sharing its claim, or an unsolved challenge).</param>
    public async Task<CaptchaVerdict> CheckAsync(
        Campaign campaign, string action, string? requestKey, bool count, HttpContext http, CancellationToken cancellationToken)
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

        var state = token.Length > MaxTokenLength
            ? CaptchaState.Failed
            : await verifier.VerifyAsync(captcha, token, http.Connection.RemoteIpAddress?.ToString(), cancellationToken) switch
            {
                CaptchaCheck.Passed => CaptchaState.Passed,
                CaptchaCheck.Failed => CaptchaState.Failed,
                _ => CaptchaState.Unavailable,
            };
        if (state == CaptchaState.Passed)
        {
            sweeper.NoteUse();
            // Keyed, so the table holds nothing a provider's token could be matched against; no provider's token outlives the lifetime.
            var id = WebEncoders.Base64UrlEncode(cookies.KeyedHash("captcha|" + token));
            var expires = time.GetUtcNow() + challenges.Value.Lifetime;
            if (!await store.TryUseAsync(campaign.Slug, id, expires, requestKey, cancellationToken)) state = CaptchaState.Reused;
        }
        if (state != CaptchaState.Passed) logger.LogInformation("Refused a submission to {Campaign}: CAPTCHA {State}", campaign.Slug, state);
        return new CaptchaVerdict(state, null, default);
    }

    /// <summary>The header if sent, else the provider's form field (the endpoint has read the form already).</summary>
    private static string? TokenOf(HttpRequest request, CaptchaProvider provider)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header) return header;
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form) return null;
        return form[provider.ResponseField].ToString() is { Length: > 0 } field ? field : null;
    }
}
