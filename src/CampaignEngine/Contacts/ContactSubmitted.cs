using System.Text.Json.Serialization;

namespace CampaignEngine.Contacts;

/// <summary>
/// Contact details a fan gave, on their way to the contacts table, with what they may be used for:
/// <see cref="ForCampaign"/> when the campaign needs them to take part (kept for its own purpose and
/// retention only), <see cref="Marketing"/> when the fan ticked the consent box. The consent text
/// (null without marketing consent) travels along so the consent record shows exactly what the fan agreed to.
/// </summary>
/// <remarks>
/// The defaults are what a message queued before purposes existed meant: every one of them carried
/// marketing consent and nothing else.
/// </remarks>
public sealed record ContactSubmitted(
    string Receipt,
    string Slug,
    string Email,
    string? Name,
    string? ConsentText,
    string Source,
    DateTimeOffset At,
    bool Marketing = true,
    bool ForCampaign = false)
{
    [JsonIgnore]
    public IReadOnlyList<string> Purposes => ContactPurposes.Of(ForCampaign, Marketing);
}
