namespace CampaignEngine.Contacts;

/// <summary>
/// One contact in the export: what the details may be used for (<see cref="ContactPurposes"/>) and whether
/// the fan's consent to offers holds; only contacts with <see cref="MarketingConsent"/> may be sent any.
/// <see cref="Consents"/> and <see cref="Withdrawals"/> are the record of how that came to be.
/// </summary>
public sealed record ContactRecord(
    string Key,
    string Email,
    string? Name,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<string> Purposes,
    bool MarketingConsent,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<WithdrawalRecord> Withdrawals);

public sealed record ConsentRecord(DateTimeOffset GivenAt, string ConsentText, string ConsentTextSha256, string Source, string Receipt);

/// <summary>A withdrawal of marketing consent: when, and through what (<c>api</c>: the marketer API).</summary>
public sealed record WithdrawalRecord(DateTimeOffset WithdrawnAt, string Source);
