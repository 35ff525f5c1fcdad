namespace CampaignEngine.Voting;

/// <summary>What a fan sent: the same for a form post and a JSON call.</summary>
public sealed record VoteInput(string? OptionId, string? Email, string? Name, bool Consent, string Source);

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
