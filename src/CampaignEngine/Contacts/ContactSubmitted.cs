namespace CampaignEngine.Contacts;

/// <summary>
/// Contact details a fan gave with consent, on their way to the contacts table. Only ever
/// created when consent was given; the consent text travels along so the record shows exactly
/// what the fan agreed to.
/// </summary>
public sealed record ContactSubmitted(
    string Receipt,
    string Slug,
    string Email,
    string? Name,
    string ConsentText,
    string Source,
    DateTimeOffset At);
