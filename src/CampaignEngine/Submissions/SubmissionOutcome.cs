namespace CampaignEngine.Submissions;

public enum SubmissionRefusal
{
    NotFound,
    NotStarted,
    Closed,
    InvalidInput,
    InvalidContact,
    ConsentRequired,
    LimitReached,
    /// <summary>A cap per day across items is used up (a contest's votes per day over every entry); tomorrow brings more.</summary>
    DailyLimitReached,
    Unavailable,
    /// <summary>The campaign's limit per address or per network is reached (<see cref="FairPlay.NetworkLimiter"/>).</summary>
    NetworkLimit,
    /// <summary>A proof-of-work solution was sent and is no good (<see cref="FairPlay.Challenges.ChallengeGate"/>).</summary>
    Challenge,
    /// <summary>A CAPTCHA token was sent and the provider refused it, or it was used before (<see cref="FairPlay.Captcha.CaptchaGate"/>).</summary>
    Captcha,
    /// <summary>The CAPTCHA provider could not be asked; nothing was counted, the fan may try again.</summary>
    CaptchaUnavailable,
    /// <summary>Not refused and not submitted: a step of a form of several pages (<see cref="Kinds.SubmissionCheck.IsStep"/>).</summary>
    NextStep,
    /// <summary>A limit all fans share is reached (a survey's quota, its response limit): nothing was counted.</summary>
    Full,
}

/// <summary>
/// Either a receipt or the reason the submission was refused (with field errors for bad input, and the API's words when
/// they are more precise than the refusal's own).
/// </summary>
public sealed record SubmissionOutcome(string? Receipt, SubmissionRefusal? Refusal, IReadOnlyDictionary<string, string[]>? Errors = null, string? Detail = null)
{
    /// <summary>Whether the fan gave contact details with consent to offers (the thank-you page then waits for a code).</summary>
    public bool OffersAsked { get; init; }

    public static SubmissionOutcome Accepted(string receipt) => new(receipt, null);

    public static SubmissionOutcome Refused(SubmissionRefusal reason, IReadOnlyDictionary<string, string[]>? errors = null, string? detail = null) =>
        new(null, reason, errors, detail);
}
