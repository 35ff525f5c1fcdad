namespace CampaignEngine.Voting;

/// <summary>
/// What a fan sent: the same for a form post and a JSON call. An Idempotency-Key makes the
/// request safe to retry: every retry ends in the same counted vote and the same receipt.
/// </summary>
public sealed record VoteInput(string? OptionId, string? Email, string? Name, bool Consent, string Source, string? IdempotencyKey = null);

public enum VoteRefusal
{
    NotFound,
    NotStarted,
    Closed,
    InvalidOption,
    InvalidContact,
    ConsentRequired,
    LimitReached,
    Unavailable,
}

/// <summary>Either a receipt or the reason the vote was refused (with field errors for bad input).</summary>
public sealed record VoteOutcome(string? Receipt, VoteRefusal? Refusal, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static VoteOutcome Accepted(string receipt) => new(receipt, null);
    public static VoteOutcome Refused(VoteRefusal reason, IReadOnlyDictionary<string, string[]>? errors = null) => new(null, reason, errors);
}
