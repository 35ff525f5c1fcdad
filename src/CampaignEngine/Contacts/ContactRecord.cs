namespace CampaignEngine.Contacts;

/// <summary>
/// One contact in the export: what the details may be used for (<see cref="ContactPurposes"/>) and whether
/// the fan consented to offers; only contacts with <see cref="MarketingConsent"/> may be sent any.
/// </summary>
public sealed record ContactRecord(
    string Key,
    string Email,
    string? Name,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<string> Purposes,
    bool MarketingConsent,
    IReadOnlyList<ConsentRecord> Consents);

public sealed record ConsentRecord(DateTimeOffset GivenAt, string ConsentText, string ConsentTextSha256, string Source, string Receipt);
